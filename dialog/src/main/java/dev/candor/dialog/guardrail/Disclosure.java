package dev.candor.dialog.guardrail;

import java.util.Locale;
import java.util.Objects;

/**
 * The sentence that opens every call. Its words are fixed in code: configuration may name the company,
 * never remove the disclosure.
 */
public final class Disclosure {
    private static final int MAX_COMPANY_NAME = 60;

    private Disclosure() {
    }

    /**
     * "Hello, you're talking to Acme's AI assistant, not a person, and you can ask for a person at any
     * time." The company name is cleaned: letters, digits, spaces and {@code {@code &.,'-} only,'-} only (no sentence ends), at most 60
     * characters, so that no configuration can turn the sentence into something else.
     */
    public static String sentence(String companyName) {
        String company = cleanCompanyName(companyName);
        String owner = company.isEmpty() ? "an" : possessive(company);
        return "Hello, you're talking to " + owner + " AI assistant, not a person, "
                + "and you can ask for a person at any time.";
    }

    /** The notice added right after the disclosure when the call is recorded. */
    public static String recordingNotice() {
        return "This call is recorded.";
    }

    /** True when {@code text} already discloses that Candor is an AI and that a person is available. */
    public static boolean discloses(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        return t.contains("ai assistant") && t.contains("not a person") && t.contains("ask for a person");
    }

    static String cleanCompanyName(String companyName) {
        Objects.requireNonNull(companyName, "companyName");
        String cleaned = companyName.replaceAll("[^\\p{L}\\p{N} &,'-]", " ").replaceAll("\\s+", " ").trim();
        if (cleaned.length() > MAX_COMPANY_NAME) {
            cleaned = cleaned.substring(0, MAX_COMPANY_NAME).trim();
        }
        return cleaned;
    }

    private static String possessive(String company) {
        return company.endsWith("s") || company.endsWith("S") ? company + "'" : company + "'s";
    }
}
