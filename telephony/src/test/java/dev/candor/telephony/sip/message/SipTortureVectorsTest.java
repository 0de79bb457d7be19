package dev.candor.telephony.sip.message;

import static dev.candor.telephony.sip.message.MessageAssertions.assertRoundTrip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * RFC 4475 (SIP torture tests) and RFC 5118 (IPv6 torture tests) run through {@link SipParser} as
 * datagrams. The vectors live outside the project; the folder is given by the system property
 * {@code candor.sipVectors} and the tests are skipped when it is absent.
 */
class SipTortureVectorsTest {

  /** Vectors the parser does not yet handle as the RFC expects, with the reason. Keep this short. */
  private static final Map<String, String> KNOWN_GAPS = Map.of();

  /**
   * RFC 4475 §3.2/§3.3 cases that a parser should accept (the transaction or application layer
   * answers them); every other case in those sections must be rejected by the parser.
   */
  private static final Set<String> APPLICATION_LAYER_REJECTED = Set.of(
      "insuf",   // §3.3.1: missing Call-ID, From, To — 400 (nothing to copy, so no answer built)
      "multi01", // §3.3.8: several Call-ID, CSeq, From, To — 400
      "mcl01");  // §3.3.9: two different Content-Length values — 400

  /** Invalid requests that cannot be answered: their only Via is malformed, so there is nowhere to reply. */
  private static final Set<String> UNANSWERABLE = Set.of("badinv01");

  private static Path vectors() {
    String dir = System.getProperty("candor.sipVectors", System.getenv("CANDOR_SIP_VECTORS"));
    assumeTrue(dir != null && Files.isDirectory(Path.of(dir, "rfc4475")),
        "SIP torture vectors not found: set -Dcandor.sipVectors to the sip-vectors folder (was " + dir + ")");
    return Path.of(dir);
  }

  @TestFactory
  Stream<DynamicTest> rfc4475VectorsBehaveAsTheRfcExpects() throws IOException {
    Path dir = vectors().resolve("rfc4475");
    List<DynamicTest> tests = new ArrayList<>();
    for (String row : Files.readAllLines(dir.resolve("MANIFEST.tsv")).subList(1, 50)) {
      String[] f = row.split("\t");
      String name = f[1];
      String category = f[2];
      boolean request = f[3].equals("request");
      byte[] bytes = Files.readAllBytes(dir.resolve(name + ".dat"));
      tests.add(DynamicTest.dynamicTest(f[0] + " " + name + " (" + category + ")", () -> {
        assumeTrue(!KNOWN_GAPS.containsKey(name), "known gap: " + KNOWN_GAPS.get(name));
        check(name, category, request, bytes);
      }));
    }
    assertThat(tests).hasSize(49);
    return tests.stream();
  }

  private static void check(String name, String category, boolean request, byte[] bytes) {
    SipParseResult result = SipParser.parse(bytes, 0, bytes.length, SipDecoderConfig.defaults());
    boolean mustParse = category.equals("valid") || category.equals("backward-compat-valid")
        || ((category.equals("application") || category.equals("transaction"))
            && !APPLICATION_LAYER_REJECTED.contains(name));
    if (mustParse) {
      assertThat(result).as(name + ": %s", result).isInstanceOf(SipParseResult.Parsed.class);
      assertRoundTrip(((SipParseResult.Parsed) result).message());
      return;
    }
    assertThat(result).as(name).isInstanceOf(SipParseResult.Invalid.class);
    SipParseResult.Invalid invalid = (SipParseResult.Invalid) result;
    assertThat(invalid.request()).as(name + " is a request").isEqualTo(request);
    if (!request) {
      assertThat(invalid.response()).as(name + ": invalid responses are dropped").isEmpty();
    } else if (UNANSWERABLE.contains(name) || name.equals("insuf")) {
      assertThat(invalid.response()).as(name + " cannot be answered").isEmpty();
    } else {
      assertThat(invalid.response()).as(name + " is answered").isPresent();
      invalid.response().ifPresent(r -> {
        assertThat(r.statusCode()).isEqualTo(name.equals("badvers") ? 505 : 400);
        assertThat(r.reasonPhrase()).doesNotContain("\r", "\n");
        // The answer copies the request's headers, bad ones included, so it need not parse cleanly.
        assertThat(new String(r.toBytes(), java.nio.charset.StandardCharsets.UTF_8))
            .startsWith("SIP/2.0 " + r.statusCode() + " ");
      });
    }
  }

  @TestFactory
  Stream<DynamicTest> rfc5118VectorsBehaveAsTheRfcExpects() throws IOException {
    Path dir = vectors().resolve("rfc5118");
    Set<String> bad = Set.of("ipv6-bad", "ipv6-bug-abnf-3-colons");
    List<DynamicTest> tests = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(p -> p.toString().endsWith(".dat")).sorted().toList()) {
        String name = file.getFileName().toString().replace(".dat", "");
        byte[] bytes = Files.readAllBytes(file);
        tests.add(DynamicTest.dynamicTest(name, () -> {
          SipParseResult result = SipParser.parse(bytes, 0, bytes.length, SipDecoderConfig.defaults());
          if (bad.contains(name)) {
            SipParseResult.Invalid invalid = (SipParseResult.Invalid) result;
            assertThat(invalid.request()).isTrue();
            assertThat(invalid.response()).map(SipResponse::statusCode).contains(400);
          } else {
            assertThat(result).as(name + ": %s", result).isInstanceOf(SipParseResult.Parsed.class);
            assertRoundTrip(((SipParseResult.Parsed) result).message());
          }
        }));
      }
    }
    assertThat(tests).hasSize(12);
    return tests.stream();
  }

  private static SipRequest vector(String name) throws IOException {
    return (SipRequest) MessageAssertions.parsed(Files.readAllBytes(vectors().resolve("rfc4475/" + name + ".dat")));
  }

  @TestFactory
  Stream<DynamicTest> whitespaceEverywhereIsUnderstood() {
    return Stream.of(DynamicTest.dynamicTest("wsinv (RFC 4475 §3.1.1.1)", () -> {
      SipRequest m = vector("wsinv");
      assertThat(m.to().tag()).contains("1918181833n");
      assertThat(m.from().displayName()).isEqualTo("J Rosenberg \\\"");
      assertThat(m.from().tag()).contains("98asjd8");
      assertThat(m.maxForwards()).hasValue(68);
      assertThat(m.cseq()).isEqualTo(CSeq.of(9, SipMethod.INVITE));
      assertThat(m.vias()).extracting(Via::transport).containsExactly("UDP", "TCP", "UDP");
      assertThat(m.vias().get(2).branch()).contains("z9hG4bK30239");
      assertThat(m.contacts()).singleElement().satisfies(c -> {
        assertThat(c.displayName()).isEqualTo("Quoted string \"\"");
        assertThat(c.parameter("newparam")).contains("newvalue");
        assertThat(c.parameter("q")).contains("0.33");
      });
      assertThat(m.headers().first("NewFangledHeader")).contains("newfangled value continued newfangled value");
      assertThat(m.headers().first("Subject")).contains("");
      assertThat(m.headers().first("UnknownHeaderWithUnusualValue")).contains(";;,,;;,;");
    }));
  }

  @TestFactory
  Stream<DynamicTest> escapesAndOddTokensAreKept() {
    return Stream.of(DynamicTest.dynamicTest("esc01, intmeth, esc02", () -> {
      SipRequest esc01 = vector("esc01");
      assertThat(esc01.requestUri().unescapedUser()).contains("sips:user@example.com");
      assertThat(esc01.from().uri().unescapedUser()).contains("I have spaces");
      assertThat(esc01.contacts().get(0).uri().parameters()).containsKeys("%6c%72", "n%61me");
      SipRequest intmeth = vector("intmeth");
      assertThat(intmeth.method().name()).isEqualTo("!interesting-Method0123456789_*+`.%indeed'~");
      assertThat(intmeth.requestUri().password()).contains("&it+has=1,weird!*pas$wo~d_too.(doesn't-it)");
      assertThat(intmeth.to().displayName()).isEqualTo("BEL:\u0007 NUL:\u0000 DEL:\u007f");
      assertThat(intmeth.callId()).isEqualTo("intmeth.word%ZK-!.*_+'@word`~)(><:\\/\"][?}{");
      SipRequest esc02 = vector("esc02");
      assertThat(esc02.contacts()).hasSize(2);
      assertThat(esc02.headers().first("C%6Fntact")).contains("<sip:alias2@host2.example.com>");
    }));
  }

  @TestFactory
  Stream<DynamicTest> badVersionIsAnswered505() throws IOException {
    byte[] bytes = Files.readAllBytes(vectors().resolve("rfc4475/badvers.dat"));
    return Stream.of(DynamicTest.dynamicTest("badvers", () -> {
      SipParseResult.Invalid invalid = MessageAssertions.invalid(bytes);
      SipResponse response = invalid.response().orElseThrow();
      assertThat(response.statusCode()).isEqualTo(505);
      assertThat(response.reasonPhrase()).isEqualTo("Version Not Supported");
      assertThat(response.callId()).isEqualTo("badvers.31417@c.example.com");
    }));
  }

  @TestFactory
  Stream<DynamicTest> ipv6PortAmbiguityIsResolvedByTheBrackets() throws IOException {
    Path dir = vectors().resolve("rfc5118");
    byte[] ambiguous = Files.readAllBytes(dir.resolve("port-ambiguous.dat"));
    byte[] unambiguous = Files.readAllBytes(dir.resolve("port-unambiguous.dat"));
    return Stream.of(DynamicTest.dynamicTest("port-ambiguous/unambiguous", () -> {
      SipUri a = ((SipRequest) MessageAssertions.parsed(ambiguous)).requestUri();
      SipUri b = ((SipRequest) MessageAssertions.parsed(unambiguous)).requestUri();
      assertThat(a.host()).isEqualTo("2001:db8::10:5070");
      assertThat(a.port()).isEqualTo(-1);
      assertThat(b.host()).isEqualTo("2001:db8::10");
      assertThat(b.port()).isEqualTo(5070);
    }));
  }
}
