package dev.candor.telephony.sip.message;
import java.nio.file.*;
import org.junit.jupiter.api.Test;
class TmpDumpTest {
  @Test void dump() throws Exception {
    for (String dir : new String[]{"rfc4475","rfc5118"}) {
      try (var s = Files.list(Path.of("/work/shared/sip-vectors", dir))) {
        for (Path p : s.filter(x -> x.toString().endsWith(".dat")).sorted().toList()) {
          byte[] b = Files.readAllBytes(p);
          SipParseResult r = SipParser.parse(b, 0, b.length, SipDecoderConfig.defaults());
          String out = r instanceof SipParseResult.Invalid i ? "INVALID " + i.error().reason() + " -> " + i.response().map(x -> x.startLine()).orElse("none") : "OK " + ((SipParseResult.Parsed) r).message().startLine();
          System.out.println(p.getFileName() + ": " + out);
        }
      }
    }
  }
}
