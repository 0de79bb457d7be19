package dev.candor.dialog.catalog;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/** What Candor may say about products: an immutable value, read by {@link CatalogLoader}. */
public record Catalog(String company, String currency, List<Product> products, List<Discount> discounts,
                      List<Faq> faqs) {
    public Catalog {
        Objects.requireNonNull(company, "company");
        Objects.requireNonNull(currency, "currency");
        products = List.copyOf(products);
        discounts = List.copyOf(discounts);
        faqs = List.copyOf(faqs);
    }

    public record Product(String name, String summary, List<String> features, List<Plan> plans) {
        public Product {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(summary, "summary");
            features = List.copyOf(features);
            plans = List.copyOf(plans);
        }
    }

    public record Plan(String name, BigDecimal price, String unit, String description) {
        public Plan {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(price, "price");
            Objects.requireNonNull(unit, "unit");
            Objects.requireNonNull(description, "description");
        }
    }

    public record Discount(String name, BigDecimal percent, String description) {
        public Discount {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(percent, "percent");
            Objects.requireNonNull(description, "description");
        }
    }

    public record Faq(String question, String answer) {
        public Faq {
            Objects.requireNonNull(question, "question");
            Objects.requireNonNull(answer, "answer");
        }
    }

    /** Everything Candor can say, one entry per plan, product, feature list, discount and FAQ. */
    public List<CatalogEntry> entries() {
        List<CatalogEntry> entries = new ArrayList<>();
        for (Product p : products) {
            entries.add(new CatalogEntry("What is " + p.name() + "? What do you sell? What does it do?",
                    p.name() + ": " + p.summary()));
            if (!p.features().isEmpty()) {
                entries.add(new CatalogEntry("What can " + p.name() + " do? Features. Does it support "
                        + String.join(" ", p.features()), firstTwo(p.features())));
            }
            for (Plan plan : p.plans()) {
                entries.add(new CatalogEntry("How much does the " + plan.name() + " plan cost? Price of "
                        + plan.name() + ". " + plan.description(),
                        "The " + plan.name() + " plan is " + money(plan.price()) + " " + plan.unit() + ". "
                                + plan.description()));
            }
            if (!p.plans().isEmpty()) {
                entries.add(new CatalogEntry("How much does it cost? What are your prices and plans? Pricing.",
                        pricesSentence(p)));
            }
        }
        for (Discount d : discounts) {
            entries.add(new CatalogEntry("Do you offer a discount? Is there a deal for " + d.name() + "?",
                    d.description()));
        }
        for (Faq f : faqs) {
            entries.add(new CatalogEntry(f.question(), f.answer()));
        }
        return List.copyOf(entries);
    }

    /** "Plans are Starter at $29, Team at $59 and Enterprise at $99, per agent seat per month." */
    public String pricesSentence(Product p) {
        List<String> parts = p.plans().stream().map(plan -> plan.name() + " at " + money(plan.price())).toList();
        String joined = parts.size() == 1 ? parts.get(0)
                : String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.get(parts.size() - 1);
        String unit = p.plans().stream().map(Plan::unit).distinct().count() == 1 ? ", " + p.plans().get(0).unit()
                : "";
        return p.name() + " plans are " + joined + unit + ".";
    }

    /** The cheapest plan of any product, for answering a price objection. */
    public java.util.Optional<Plan> cheapestPlan() {
        return products.stream().flatMap(p -> p.plans().stream())
                .min(java.util.Comparator.comparing(Plan::price));
    }

    /**
     * Every amount Candor may say: plan prices and discount percentages, as plain numbers ("29", "15").
     * Also numbers that appear in the catalog's own texts (a 14-day trial, 99.9% uptime).
     */
    public Set<String> quotableAmounts() {
        Set<String> amounts = new LinkedHashSet<>();
        for (Product p : products) {
            for (Plan plan : p.plans()) {
                amounts.add(plain(plan.price()));
            }
        }
        for (Discount d : discounts) {
            amounts.add(plain(d.percent()));
        }
        for (CatalogEntry e : entries()) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\d+(?:\\.\\d+)?").matcher(e.answer());
            while (m.find()) {
                amounts.add(plain(new BigDecimal(m.group())));
            }
        }
        return amounts;
    }

    public String money(BigDecimal amount) {
        String symbol = switch (currency.toUpperCase(Locale.ROOT)) {
            case "USD" -> "$";
            case "EUR" -> "€";
            case "GBP" -> "£";
            default -> "";
        };
        return symbol.isEmpty() ? plain(amount) + " " + currency : symbol + plain(amount);
    }

    static String plain(BigDecimal amount) {
        return amount.stripTrailingZeros().toPlainString();
    }

    private static String firstTwo(List<String> features) {
        return String.join(" ", features.subList(0, Math.min(2, features.size())));
    }
}
