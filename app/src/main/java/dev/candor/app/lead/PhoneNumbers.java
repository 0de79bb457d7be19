package dev.candor.app.lead;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Phone numbers in E.164 form ({@code +} and 8 to 15 digits), from what people type and from SIP and tel
 * URIs. A number written without {@code +} or {@code 00} is a national number of the default country
 * code (one leading trunk {@code 0} dropped); without a default country code it cannot be normalised.
 */
public final class PhoneNumbers {
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{7,14}");
    private static final Pattern COUNTRY_CODE = Pattern.compile("[1-9][0-9]{0,2}");
    private static final Pattern SEPARATORS = Pattern.compile("[\\s().\\-/]");

    private final String defaultCountryCode;

    /**
     * @param defaultCountryCode digits of the country code numbers without {@code +} belong to
     *     ({@code "1"}, {@code "44"}), or {@code ""} for none
     * @throws IllegalArgumentException when it is not 1-3 digits (or empty)
     */
    public PhoneNumbers(String defaultCountryCode) {
        Objects.requireNonNull(defaultCountryCode, "defaultCountryCode");
        String cc = defaultCountryCode.strip().replaceFirst("^\\+", "");
        if (!cc.isEmpty() && !COUNTRY_CODE.matcher(cc).matches()) {
            throw new IllegalArgumentException("invalid country code: \"" + defaultCountryCode
                    + "\" (expected 1-3 digits, e.g. 1 or 44, or empty)");
        }
        this.defaultCountryCode = cc;
    }

    /** Whether {@code text} is already a number in E.164 form. */
    public static boolean isE164(String text) {
        return text != null && E164.matcher(text).matches();
    }

    /** The number typed in {@code text} ({@code +1 (555) 010-0100}, {@code 0044 20 7946 0000}) in E.164. */
    public Optional<String> normalise(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String s = SEPARATORS.matcher(text.strip()).replaceAll("");
        if (s.startsWith("00")) {
            s = "+" + s.substring(2);
        } else if (!s.startsWith("+")) {
            if (defaultCountryCode.isEmpty() || !s.matches("[0-9]+")) {
                return Optional.empty();
            }
            s = "+" + defaultCountryCode + (s.startsWith("0") ? s.substring(1) : s);
        }
        return isE164(s) ? Optional.of(s) : Optional.empty();
    }

    /**
     * The number in a SIP or tel URI or a name-addr ({@code "Dana" <sip:+15550100@trunk;user=phone>},
     * {@code tel:+1-555-0100}): its user part, normalised; empty when it holds no phone number.
     */
    public Optional<String> fromUri(String uriOrNameAddr) {
        if (uriOrNameAddr == null) {
            return Optional.empty();
        }
        String s = uriOrNameAddr.strip();
        int lt = s.indexOf('<');
        if (lt >= 0) {
            int gt = s.indexOf('>', lt);
            s = gt < 0 ? s.substring(lt + 1) : s.substring(lt + 1, gt);
        }
        int colon = s.indexOf(':');
        if (colon >= 0 && s.substring(0, colon).matches("(?i)sips?|tel")) {
            s = s.substring(colon + 1);
        }
        int end = s.length();
        for (char c : new char[] {'@', ';', '?', ','}) {
            int i = s.indexOf(c);
            if (i >= 0 && i < end) {
                end = i;
            }
        }
        return normalise(s.substring(0, end));
    }
}
