package dev.candor.telephony.sip.message;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A SIP request (RFC 3261 §7.1).
 *
 * @param method the method from the request line
 * @param requestUri the Request-URI
 * @param headers all headers as received or built
 * @param body the body bytes (copied in and out)
 */
public record SipRequest(SipMethod method, SipUri requestUri, SipHeaders headers, byte[] body)
    implements SipMessage {

  public SipRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(requestUri, "requestUri");
    Objects.requireNonNull(headers, "headers");
    body = Objects.requireNonNull(body, "body").clone();
  }

  public static Builder builder(SipMethod method, SipUri requestUri) {
    return new Builder(method, requestUri);
  }

  @Override
  public byte[] body() {
    return body.clone();
  }

  @Override
  public String startLine() {
    return method + " " + requestUri + " SIP/2.0";
  }

  public SipRequest withHeaders(SipHeaders newHeaders) {
    return new SipRequest(method, requestUri, newHeaders, body);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SipRequest r && r.method.equals(method) && r.requestUri.equals(requestUri)
        && r.headers.equals(headers) && Arrays.equals(r.body, body);
  }

  @Override
  public int hashCode() {
    return Objects.hash(method, requestUri, headers, Arrays.hashCode(body));
  }

  @Override
  public String toString() {
    return "SipRequest[" + startLine() + ", " + headers.size() + " headers, " + body.length + " body bytes]";
  }

  /** Builds a request in code; headers are kept in the order added. */
  public static final class Builder {
    private final SipMethod method;
    private final SipUri requestUri;
    private final List<SipHeader> headers = new ArrayList<>();
    private String contentType;
    private byte[] body = new byte[0];

    private Builder(SipMethod method, SipUri requestUri) {
      this.method = Objects.requireNonNull(method, "method");
      this.requestUri = Objects.requireNonNull(requestUri, "requestUri");
    }

    public Builder header(String name, String value) {
      headers.add(new SipHeader(name, value));
      return this;
    }

    public Builder body(String contentType, byte[] body) {
      this.contentType = Objects.requireNonNull(contentType, "contentType");
      this.body = Objects.requireNonNull(body, "body").clone();
      return this;
    }

    /** The request, with Content-Type (when a body was set) and a correct Content-Length. */
    public SipRequest build() {
      SipHeaders h = SipHeaders.empty();
      for (SipHeader header : headers) {
        h = h.with(header.name(), header.value());
      }
      if (contentType != null) {
        h = h.replacing("Content-Type", contentType);
      }
      h = h.replacing("Content-Length", Integer.toString(body.length));
      return new SipRequest(method, requestUri, h, body);
    }
  }
}
