package dev.candor.dialog.qualification;

import java.util.Objects;

/**
 * A lead or known caller. The protected attributes (gender, age, location, and the name itself) are
 * here only to greet and to brief the person who takes the call; scoring and routing never read them.
 *
 * @param name     the person's name, "" when unknown
 * @param company  their company, "" when unknown
 * @param phone    their number, "" when unknown
 * @param interest why Candor is calling, e.g. "asked for a demo of call recording on our website"
 * @param vip      whether a person should take this lead's calls at once
 */
public record Lead(String name, String company, String phone, String gender, Integer age, String location,
                   String interest, boolean vip) {
    public Lead {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(company, "company");
        Objects.requireNonNull(phone, "phone");
        Objects.requireNonNull(gender, "gender");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(interest, "interest");
    }

    /** The sample lead that {@code candor chat --outbound} uses when no lead file is given. */
    public static Lead sample() {
        return new Lead("Dana Reyes", "Reyes Logistics", "+15555550142", "female", 41, "Austin, Texas",
                "asked about our call centre software on our website", false);
    }

    /** The first word of the name, for a greeting; "" when unknown. */
    public String firstName() {
        String n = name.strip();
        int space = n.indexOf(' ');
        return space < 0 ? n : n.substring(0, space);
    }
}
