/**
 * The product catalog (YAML: products, plans and prices, discounts, FAQs) and the search that answers
 * callers' questions from it. Nothing outside the catalog may be quoted: the price guardrail checks
 * every amount Candor says against {@link dev.candor.dialog.catalog.Catalog#quotableAmounts()}.
 */
package dev.candor.dialog.catalog;
