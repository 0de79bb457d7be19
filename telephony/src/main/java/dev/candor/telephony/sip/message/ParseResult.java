package dev.candor.telephony.sip.message;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/** The outcome of parsing network input: a value or a {@link ParseError}. Never thrown. */
public sealed interface ParseResult<T> {

  /**
   * A successfully parsed value. (The component is not called {@code value} because
   * {@link ParseResult#value()} returns an {@code Optional}; deconstruct with {@code Ok<T>(var v)}.)
   */
  record Ok<T>(T result) implements ParseResult<T> {
    public Ok {
      Objects.requireNonNull(result, "result");
    }
  }

  /** A parse failure. (See {@link Ok} for why the component is not called {@code error}.) */
  record Err<T>(ParseError failure) implements ParseResult<T> {
    public Err {
      Objects.requireNonNull(failure, "failure");
    }
  }

  static <T> ParseResult<T> ok(T value) {
    return new Ok<>(value);
  }

  static <T> ParseResult<T> err(String reason, int offset) {
    return new Err<>(new ParseError(reason, offset));
  }

  static <T> ParseResult<T> err(ParseError error) {
    return new Err<>(error);
  }

  default boolean isOk() {
    return this instanceof Ok;
  }

  /** The value, or an {@link IllegalArgumentException} carrying the parse error's reason. */
  default T orElseThrow() {
    if (this instanceof Ok<T> ok) {
      return ok.result();
    }
    throw new IllegalArgumentException(((Err<T>) this).failure().reason());
  }

  default Optional<T> value() {
    return this instanceof Ok<T> ok ? Optional.of(ok.result()) : Optional.empty();
  }

  default Optional<ParseError> error() {
    return this instanceof Err<T> err ? Optional.of(err.failure()) : Optional.empty();
  }

  /** Applies {@code f} to a successful value; errors pass through unchanged. */
  default <R> ParseResult<R> map(Function<? super T, ? extends R> f) {
    if (this instanceof Ok<T> ok) {
      return new Ok<>(f.apply(ok.result()));
    }
    return new Err<>(((Err<T>) this).failure());
  }
}
