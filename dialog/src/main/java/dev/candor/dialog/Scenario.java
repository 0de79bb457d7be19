package dev.candor.dialog;

import dev.candor.dialog.qualification.Lead;

import java.util.Objects;
import java.util.Optional;

/** Who called whom: an inbound caller (perhaps known), or an outbound call to a lead. */
public sealed interface Scenario {

    /** The lead or caller record, when known. */
    Optional<Lead> lead();

    /** Someone called the company. {@code caller} is their record when the number is known. */
    record Inbound(Optional<Lead> caller) implements Scenario {
        public Inbound {
            Objects.requireNonNull(caller, "caller");
        }

        @Override
        public Optional<Lead> lead() {
            return caller;
        }
    }

    /** Candor calls {@code lead}. */
    record Outbound(Lead target) implements Scenario {
        public Outbound {
            Objects.requireNonNull(target, "target");
        }

        @Override
        public Optional<Lead> lead() {
            return Optional.of(target);
        }
    }

    static Scenario inbound() {
        return new Inbound(Optional.empty());
    }

    static Scenario outbound(Lead lead) {
        return new Outbound(lead);
    }
}
