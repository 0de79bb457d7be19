package dev.candor.dialog.guardrail;

import dev.candor.dialog.catalog.Catalog;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * No price, discount or commitment that is not in the catalog. A sentence quoting an amount or
 * percentage the catalog does not hold, or promising something ("I guarantee", "we'll waive the fee",
 * "we'll match their price"), is removed and a person is offered to confirm instead.
 */
public final class CatalogPriceGuardrail implements SayGuardrail {
    static final String CONFIRM_WITH_PERSON = "A person can confirm prices and terms for you.";
    private static final Pattern AMOUNT = Pattern.compile(
            "(?i)[$€£]\\s?(\\d[\\d,]*(?:\\.\\d+)?)|(\\d[\\d,]*(?:\\.\\d+)?)\\s?(?:dollars|usd|euros?|eur|pounds|gbp|percent|%)");
    private static final Pattern COMMITMENT = Pattern.compile(
            "(?i)\\b(i|we) (can |will |'ll )?(guarantee|promise)|\\b(we|i)('ll| will| can) (waive|refund|match|throw in|give you)"
                    + "|\\bprice match|\\bfree of charge|\\bno extra cost|\\bspecial (deal|price|discount) for you");
    private final Set<String> quotable;

    public CatalogPriceGuardrail(Catalog catalog) {
        this.quotable = catalog.quotableAmounts();
    }

    @Override
    public String name() {
        return "catalog_prices";
    }

    @Override
    public GuardrailDecision check(String text) {
        List<String> kept = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        for (String sentence : Sentences.split(text)) {
            if (uncatalogued(sentence) || COMMITMENT.matcher(sentence).find()) {
                removed.add(sentence);
            } else {
                kept.add(sentence);
            }
        }
        if (removed.isEmpty()) {
            return GuardrailDecision.allow();
        }
        kept.add(CONFIRM_WITH_PERSON);
        return new GuardrailDecision.Rewrite(Sentences.join(kept),
                "price, discount or commitment not in the catalog: " + String.join(" ", removed));
    }

    private boolean uncatalogued(String sentence) {
        Matcher m = AMOUNT.matcher(sentence);
        while (m.find()) {
            String number = (m.group(1) != null ? m.group(1) : m.group(2)).replace(",", "");
            if (!quotable.contains(new BigDecimal(number).stripTrailingZeros().toPlainString())) {
                return true;
            }
        }
        return false;
    }
}
