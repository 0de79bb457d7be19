package dev.candor.app.campaign;

import dev.candor.app.storage.CampaignStore;
import dev.candor.dialog.Scenario;

import java.util.Objects;
import java.util.concurrent.CompletionStage;

/** Places one outbound call that runs a conversation when answered. */
public interface OutboundCalls {

    /** A placed call: its id (a row in {@code calls}) and how it went, once it is over. */
    record Placed(String callId, CompletionStage<CampaignStore.Outcome> finished) {
        public Placed {
            Objects.requireNonNull(callId, "callId");
            Objects.requireNonNull(finished, "finished");
        }
    }

    /**
     * Dials {@code uri}; when answered, the conversation runs with {@code scenario}.
     *
     * @throws IllegalArgumentException when the URI cannot be dialled (malformed, host unknown)
     */
    Placed place(String uri, Scenario scenario);
}
