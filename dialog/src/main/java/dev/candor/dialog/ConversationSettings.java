package dev.candor.dialog;

import java.util.Objects;

/**
 * What a conversation needs to know about its call.
 *
 * @param companyName the company Candor speaks for
 * @param recording whether the call is recorded (the opening then says so)
 * @param speechRecognition whether Candor can understand speech; without it callers are offered keys
 */
public record ConversationSettings(String companyName, boolean recording, boolean speechRecognition) {
    public ConversationSettings {
        Objects.requireNonNull(companyName, "companyName");
    }
}
