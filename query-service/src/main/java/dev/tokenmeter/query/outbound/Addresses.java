package dev.tokenmeter.query.outbound;

import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Which addresses are public: everything but loopback, private (RFC 1918, CGNAT 100.64/10, IPv6
 * unique-local fc00::/7, site-local fec0::/10), link-local (169.254/16 with the cloud metadata
 * address 169.254.169.254, fe80::/10), multicast, unspecified, "this network" 0/8, reserved 240/4
 * and broadcast, IETF protocol assignments 192.0.0/24, and benchmarking 198.18/15. IPv6 forms that
 * embed an IPv4 address (mapped {@code ::ffff:a.b.c.d}, compatible {@code ::a.b.c.d}, NAT64
 * {@code 64:ff9b::/96}, 6to4 {@code 2002::/16}) are judged by the IPv4 address they carry.
 * Works on the raw bytes, so an IPv4-mapped address is judged the same however it was built.
 */
final class Addresses {

    private Addresses() {
    }

    static boolean isPublic(InetAddress address) {
        return isPublic(address.getAddress());
    }

    static boolean isPublic(byte[] address) {
        return address.length == 4 ? isPublicV4(address) : isPublicV6(address);
    }

    /** The address of an IP literal (IPv6 with or without brackets), or null if the text is not one. No DNS. */
    static @Nullable InetAddress literal(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        return NetUtil.createInetAddressFromIpAddressString(bare);
    }

    /** The IPv4 address an IPv6 address embeds (mapped, compatible, NAT64, 6to4), else the address itself. */
    static byte[] embeddedV4(byte[] address) {
        if (address.length != 16) {
            return address;
        }
        if (zeros(address, 0, 10) && (address[10] & 0xff) == 0xff && (address[11] & 0xff) == 0xff) {
            return Arrays.copyOfRange(address, 12, 16); // ::ffff:a.b.c.d
        }
        if (zeros(address, 0, 12) && !(zeros(address, 12, 15) && (address[15] == 0 || address[15] == 1))) {
            return Arrays.copyOfRange(address, 12, 16); // ::a.b.c.d (not :: or ::1)
        }
        if (u16(address, 0) == 0x0064 && u16(address, 2) == 0xff9b && zeros(address, 4, 12)) {
            return Arrays.copyOfRange(address, 12, 16); // 64:ff9b::a.b.c.d
        }
        if (u16(address, 0) == 0x2002) {
            return Arrays.copyOfRange(address, 2, 6); // 2002:aabb:ccdd::/48
        }
        return address;
    }

    private static boolean isPublicV4(byte[] a) {
        int first = a[0] & 0xff;
        int second = a[1] & 0xff;
        return !(first == 0 // this network, 0.0.0.0
                || first == 10 // private
                || first == 127 // loopback
                || first >= 224 // multicast 224/4, reserved 240/4, broadcast
                || first == 100 && second >= 64 && second < 128 // CGNAT 100.64/10
                || first == 169 && second == 254 // link-local, cloud metadata
                || first == 172 && second >= 16 && second < 32 // private
                || first == 192 && second == 168 // private
                || first == 192 && second == 0 && (a[2] & 0xff) == 0 // IETF protocol assignments
                || first == 198 && (second == 18 || second == 19)); // benchmarking
    }

    private static boolean isPublicV6(byte[] a) {
        byte[] v4 = embeddedV4(a);
        if (v4.length == 4) {
            return isPublicV4(v4);
        }
        int first = a[0] & 0xff;
        int second = a[1] & 0xff;
        return !(zeros(a, 0, 16) // unspecified ::
                || zeros(a, 0, 15) && a[15] == 1 // loopback ::1
                || first == 0xff // multicast ff00::/8
                || (first & 0xfe) == 0xfc // unique-local fc00::/7
                || first == 0xfe && (second & 0xc0) == 0x80 // link-local fe80::/10
                || first == 0xfe && (second & 0xc0) == 0xc0); // site-local fec0::/10 (deprecated)
    }

    private static boolean zeros(byte[] a, int from, int to) {
        for (int i = from; i < to; i++) {
            if (a[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static int u16(byte[] a, int at) {
        return (a[at] & 0xff) << 8 | a[at + 1] & 0xff;
    }
}
