package dev.candor.dialog.policy;

import dev.candor.dialog.catalog.Catalog;
import dev.candor.dialog.qualification.BantExtractor.Slot;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** What the built-in policy says: plain, short, no performed feelings. */
final class Replies {
    static final String PRESS_ZERO = "To reach a person, press 0.";
    static final String HOW_CAN_I_HELP = "How can I help you today? You can also press 0 to reach a person.";
    static final String NOT_HUMAN = "No, I'm an AI assistant, not a person. I can connect you to a person whenever you like.";
    static final String DNC = "Understood. I've taken your number off our list, and we won't call you again. Goodbye.";
    static final String NOT_INTERESTED = "Understood, I won't take more of your time. Goodbye.";
    static final String UPSET = "A person can sort this out with you today. Connecting you now.";
    static final String SENSITIVE = "A person should handle that, so I'm connecting you now.";
    static final String HIGH_VALUE = "For a rollout that size, a person from our sales team should take this. Connecting you now.";
    static final String NOT_UNDERSTOOD_AGAIN = "I'm still not following, so I'm connecting you to a person.";
    static final String PARDON = "Sorry, I didn't follow that. Could you say it another way?";
    static final String UNKNOWN_ANSWER = "I don't know that, and I won't guess. Would you like me to connect you to a person who does?";
    static final String ASK_TIME = "When would suit you? For example, tomorrow at 10 am.";
    static final String NO_TIME = "I didn't catch a day and time. Which day and time suit you?";
    static final String OFFER_CALLBACK = "Would you like someone from our sales team to call you back to go through the details?";
    static final String ANYTHING_ELSE = "Is there anything else I can help with?";
    static final String GO_AHEAD = "Go ahead, what would you like to know?";
    static final String STILL_THERE = "Are you still there? You can also press 0 to reach a person.";
    static final String NOT_NOW = "No problem. When would be a better time to call you back?";
    static final String OBJECTION_TIMING = "That's fine; we can talk when it suits you. Shall I book a call for later?";
    static final String OBJECTION_COMPETITOR = "Plenty of teams compare us with other tools. Shall I book a call with a person who can go through the differences?";
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEEE d MMMM 'at' h:mm a", Locale.ENGLISH);

    private Replies() {
    }

    static String question(Slot slot) {
        return switch (slot) {
            case NEED -> "What would you like to improve in how your team handles calls?";
            case SEATS -> "How many people on your team would use it?";
            case AUTHORITY -> "Who else is involved in deciding on this?";
            case BUDGET -> "Do you have a budget in mind for this?";
            case TIMELINE -> "When would you like to have it running?";
        };
    }

    static String outboundOpening(String firstName, String interest) {
        String to = firstName.isBlank() ? "" : " " + firstName;
        String why = interest.isBlank() ? "about our call centre software" : "because you " + interest;
        return "I'm calling" + to + " " + why + ". Is now a good time for a two-minute chat?";
    }

    static String priceObjection(Catalog catalog) {
        return catalog.cheapestPlan()
                .map(p -> "Our " + p.name() + " plan is " + catalog.money(p.price()) + " " + p.unit()
                        + ", and you can start small.")
                .orElse("A person can go through the costs with you.");
    }

    static String booked(ZonedDateTime when, boolean outbound) {
        String at = WHEN.format(when).replace("AM", "am").replace("PM", "pm") + ", " + when.getZone().getId() + " time";
        return outbound ? "Thanks, I'll call you back on " + at + ". Goodbye."
                : "Booked: a call on " + at + ".";
    }

    static String closing(String company, boolean outbound) {
        return outbound ? "Thanks for your time. Goodbye." : "Thank you for calling " + company + ". Goodbye.";
    }
}
