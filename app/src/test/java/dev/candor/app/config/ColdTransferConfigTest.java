package dev.candor.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code handoff.cold-transfer}: handoff reason to the external SIP URI callers are REFERred to. */
class ColdTransferConfigTest {

    @TempDir
    Path tmp;

    @Test
    void noColdTransferByDefault() {
        assertThat(ConfigLoader.defaults().handoff().coldTransfer()).isEmpty();
    }

    @Test
    void fileMapsReasonsToUris() throws IOException {
        Path f = Files.writeString(tmp.resolve("c.yaml"), """
                handoff:
                  cold-transfer:
                    vip: "sip:accounts@pbx.example.com"
                    sensitive_topic: "sips:legal@pbx.example.com:5061"
                """);
        CandorConfig c = ConfigLoader.load(Optional.of(f), Map.of(), List.of());

        assertThat(c.handoff().coldTransfer()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "vip", "sip:accounts@pbx.example.com",
                "sensitive_topic", "sips:legal@pbx.example.com:5061"));
    }

    @Test
    void environmentAndSetTakeAFlowMapping() {
        CandorConfig fromEnv = ConfigLoader.load(Optional.empty(),
                Map.of("CANDOR_HANDOFF_COLD_TRANSFER", "{vip: \"sip:a@pbx\"}"), List.of());
        CandorConfig fromSet = ConfigLoader.load(Optional.empty(), Map.of(),
                List.of("handoff.cold-transfer={caller_request: \"sip:b@pbx\"}"));

        assertThat(fromEnv.handoff().coldTransfer()).containsExactlyEntriesOf(Map.of("vip", "sip:a@pbx"));
        assertThat(fromSet.handoff().coldTransfer()).containsExactlyEntriesOf(Map.of("caller_request", "sip:b@pbx"));
    }

    @Test
    void unknownReasonNamesTheKeyAndTheClosedSet() {
        ConfigException e = failure("handoff.cold-transfer={vipp: \"sip:a@pbx\"}");

        assertThat(e.key()).isEqualTo("handoff.cold-transfer.vipp");
        assertThat(e.getMessage()).contains("caller_request").contains("vip").contains("supervisor_takeover");
    }

    @Test
    void targetThatIsNotASipUriIsRejected() {
        ConfigException e = failure("handoff.cold-transfer={vip: \"tel:+15550100\"}");

        assertThat(e.key()).isEqualTo("handoff.cold-transfer.vip");
        assertThat(e.getMessage()).contains("tel:+15550100").contains("sip: or sips: URI");
    }

    @Test
    void aListInsteadOfAMapIsRejected() {
        ConfigException e = failure("handoff.cold-transfer=[\"sip:a@pbx\"]");

        assertThat(e.key()).isEqualTo("handoff.cold-transfer");
        assertThat(e.getMessage()).contains("a map from handoff reason to sip: URI");
    }

    private static ConfigException failure(String... sets) {
        return catchThrowableOfType(ConfigException.class,
                () -> ConfigLoader.load(Optional.empty(), Map.of(), List.of(sets)));
    }
}
