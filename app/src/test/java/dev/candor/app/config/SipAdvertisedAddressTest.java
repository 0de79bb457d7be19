package dev.candor.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.Test;

class SipAdvertisedAddressTest {

    private static List<InetAddress> addresses(String... ips) throws UnknownHostException {
        InetAddress[] out = new InetAddress[ips.length];
        for (int i = 0; i < ips.length; i++) {
            out[i] = InetAddress.getByName(ips[i]);
        }
        return List.of(out);
    }

    @Test
    void publicAddressWinsWhenSet() throws UnknownHostException {
        var sip = new CandorConfig.Sip("10.0.0.2", 5060, "203.0.113.7", 65535);

        assertThat(sip.advertisedAddress(addresses("192.168.1.5"))).isEqualTo("203.0.113.7");
    }

    @Test
    void specificBindAddressIsAdvertisedWhenNoPublicAddress() throws UnknownHostException {
        var sip = new CandorConfig.Sip("10.0.0.2", 5060, "", 65535);

        assertThat(sip.advertisedAddress(addresses("192.168.1.5"))).isEqualTo("10.0.0.2");
    }

    @Test
    void wildcardBindAdvertisesFirstSiteLocalAddress() throws UnknownHostException {
        var sip = new CandorConfig.Sip("0.0.0.0", 5060, "", 65535);

        assertThat(sip.advertisedAddress(addresses("127.0.0.1", "8.8.8.8", "192.168.1.5", "10.1.1.1")))
                .isEqualTo("192.168.1.5");
    }

    @Test
    void wildcardBindWithoutSiteLocalAddressFallsBackToLoopback() throws UnknownHostException {
        var sip = new CandorConfig.Sip("0.0.0.0", 5060, "", 65535);

        assertThat(sip.advertisedAddress(addresses("127.0.0.1"))).isEqualTo("127.0.0.1");
    }

    @Test
    void advertisedAddressOfThisMachineIsNeverEmpty() {
        assertThat(ConfigLoader.defaults().sip().advertisedAddress()).isNotBlank();
    }
}
