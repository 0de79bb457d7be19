/**
 * LLM mode: a LangChain4j {@code ChatModel} (OpenAI-compatible or Ollama) phrases replies and calls
 * tools, while the built-in policy runs alongside it. The built-in policy's rules win (a request for a
 * person, do-not-call, sensitive topics, upset callers, high value), and its reply is said when the
 * model is slow or fails. Guardrails apply to the model's output like any other.
 */
package dev.candor.dialog.llm;
