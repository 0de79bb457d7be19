package dev.candor.dialog.catalog;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a catalog YAML file. Errors name the file, the entry and what was expected:
 * "catalog.yaml: products[0].plans[1].price: "cheap" (expected a number)".
 */
public final class CatalogLoader {
    private static final String SAMPLE = "/dev/candor/dialog/catalog/sample-catalog.yaml";

    private CatalogLoader() {
    }

    /** The realistic sample catalog shipped with Candor, used when none is configured. */
    public static Catalog sample() {
        try (InputStream in = CatalogLoader.class.getResourceAsStream(SAMPLE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + SAMPLE);
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "sample-catalog.yaml");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Catalog load(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new CatalogException(file + ": cannot read the catalog: " + e.getMessage());
        }
    }

    public static Catalog parse(String yaml, String source) {
        Object root;
        try (Reader reader = new StringReader(yaml)) {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
        } catch (YAMLException | IOException e) {
            throw new CatalogException(source + ": not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
        }
        Node top = new Node(source, "", root);
        Map<String, Object> map = top.map();
        List<Catalog.Product> products = new ArrayList<>();
        for (Node p : top.list("products")) {
            List<Catalog.Plan> plans = new ArrayList<>();
            for (Node plan : p.list("plans")) {
                plans.add(new Catalog.Plan(plan.text("name", true), plan.number("price"),
                        plan.text("unit", false), plan.text("description", false)));
            }
            List<String> features = new ArrayList<>();
            for (Node f : p.list("features")) {
                features.add(f.scalar());
            }
            products.add(new Catalog.Product(p.text("name", true), p.text("summary", false), features, plans));
        }
        List<Catalog.Discount> discounts = new ArrayList<>();
        for (Node d : top.list("discounts")) {
            discounts.add(new Catalog.Discount(d.text("name", true), d.number("percent"), d.text("description", true)));
        }
        List<Catalog.Faq> faqs = new ArrayList<>();
        for (Node f : top.list("faqs")) {
            faqs.add(new Catalog.Faq(f.text("question", true), f.text("answer", true)));
        }
        String currency = map.containsKey("currency") ? top.text("currency", true) : "USD";
        return new Catalog(top.text("company", false), currency, products, discounts, faqs);
    }

    /** A position in the YAML tree, for error messages that say where. */
    private record Node(String source, String path, Object value) {
        @SuppressWarnings("unchecked")
        Map<String, Object> map() {
            if (!(value instanceof Map)) {
                throw error(path.isEmpty() ? "(top)" : path, value, "a map of keys");
            }
            return (Map<String, Object>) value;
        }

        List<Node> list(String key) {
            Object v = map().get(key);
            if (v == null) {
                return List.of();
            }
            if (!(v instanceof List<?> items)) {
                throw error(at(key), v, "a list");
            }
            List<Node> nodes = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                nodes.add(new Node(source, at(key) + "[" + i + "]", items.get(i)));
            }
            return nodes;
        }

        String text(String key, boolean required) {
            Object v = map().get(key);
            if (v == null || v.toString().isBlank()) {
                if (required) {
                    throw error(at(key), v, "text");
                }
                return "";
            }
            if (v instanceof Map || v instanceof List) {
                throw error(at(key), v, "text");
            }
            return v.toString().strip();
        }

        BigDecimal number(String key) {
            Object v = map().get(key);
            if (v instanceof Number n) {
                return new BigDecimal(n.toString());
            }
            try {
                return new BigDecimal(String.valueOf(v).strip());
            } catch (NumberFormatException e) {
                throw error(at(key), v, "a number");
            }
        }

        String scalar() {
            if (value == null || value instanceof Map || value instanceof List) {
                throw error(path, value, "text");
            }
            return value.toString().strip();
        }

        private String at(String key) {
            return path.isEmpty() ? key : path + "." + key;
        }

        private CatalogException error(String where, Object v, String expected) {
            String shown = v instanceof String s ? "\"" + s + "\"" : String.valueOf(v);
            if (shown.length() > 60) {
                shown = shown.substring(0, 60) + "...";
            }
            return new CatalogException(source + ": " + where + ": " + shown + " (expected " + expected + ")");
        }
    }
}
