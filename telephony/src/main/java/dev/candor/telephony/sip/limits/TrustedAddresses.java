package dev.candor.telephony.sip.limits;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Addresses that are never rate-limited or banned: the trunks. Entries are literal IP addresses
 * ({@code 203.0.113.5}, {@code 2001:db8::1}) or CIDR blocks ({@code 203.0.113.0/24}); host names are
 * refused so that matching never does a DNS look-up.
 */
public final class TrustedAddresses {
    private static final TrustedAddresses NONE = new TrustedAddresses(List.of());

    private final List<Block> blocks;

    private TrustedAddresses(List<Block> blocks) {
        this.blocks = List.copyOf(blocks);
    }

    public static TrustedAddresses none() {
        return NONE;
    }

    /**
     * @throws IllegalArgumentException naming the entry that is not an IP address or CIDR block
     */
    public static TrustedAddresses of(List<String> entries) {
        List<Block> blocks = new ArrayList<>();
        for (String entry : entries) {
            blocks.add(Block.parse(Objects.requireNonNull(entry, "entry").strip()));
        }
        return new TrustedAddresses(blocks);
    }

    public boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        for (Block block : blocks) {
            if (block.matches(bytes)) {
                return true;
            }
        }
        return false;
    }

    public boolean isEmpty() {
        return blocks.isEmpty();
    }

    @Override
    public String toString() {
        return blocks.toString();
    }

    private record Block(byte[] network, int prefixBits, String text) {
        static Block parse(String entry) {
            int slash = entry.indexOf('/');
            String host = slash < 0 ? entry : entry.substring(0, slash);
            if (!isIpLiteral(host)) {
                throw new IllegalArgumentException("invalid trusted address: " + LogSafe.text(entry)
                        + " (expected an IP address or CIDR block such as 203.0.113.0/24)");
            }
            byte[] network;
            try {
                network = InetAddress.getByName(host).getAddress();
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("invalid trusted address: " + LogSafe.text(entry)
                        + " (expected an IP address or CIDR block)", e);
            }
            int bits = network.length * 8;
            int prefix = bits;
            if (slash >= 0) {
                try {
                    prefix = Integer.parseInt(entry.substring(slash + 1));
                } catch (NumberFormatException e) {
                    prefix = -1;
                }
                if (prefix < 0 || prefix > bits) {
                    throw new IllegalArgumentException("invalid prefix length in trusted address: "
                            + LogSafe.text(entry) + " (expected 0-" + bits + ")");
                }
            }
            return new Block(network, prefix, entry);
        }

        private static boolean isIpLiteral(String host) {
            if (host.isEmpty()) {
                return false;
            }
            if (host.indexOf(':') >= 0) {
                return host.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.');
            }
            return host.chars().allMatch(c -> (c >= '0' && c <= '9') || c == '.')
                    && host.split("\\.", -1).length == 4;
        }

        boolean matches(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = prefixBits / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefixBits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[full] & mask) == (network[full] & mask);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Block b && b.prefixBits == prefixBits && Arrays.equals(b.network, network);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(network) * 31 + prefixBits;
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
