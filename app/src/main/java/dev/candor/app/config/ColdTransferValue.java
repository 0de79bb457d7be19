package dev.candor.app.config;

import java.util.Map;

/**
 * Reads {@code handoff.cold-transfer}: a map from handoff reason to the external SIP URI a caller with
 * that reason is transferred to by REFER (see {@link ReasonMapValue} for the accepted forms).
 */
final class ColdTransferValue {

    private ColdTransferValue() {
    }

    static Map<String, String> read(Object raw) {
        return ReasonMapValue.read(ConfigKey.HANDOFF_COLD_TRANSFER, raw, AgentListValue::isSipUri, "a sip: or sips: URI",
                "a map from handoff reason to sip: URI, e.g. {vip: \"sip:accounts@pbx.example.com\"}");
    }
}
