package dev.tokenmeter.query.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AddressesTest {

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "0.1.2.3", "127.0.0.1", "127.255.255.254", "10.0.0.1", "10.255.255.255",
            "172.16.0.1", "172.31.255.255", "192.168.1.1", "100.64.0.1", "100.127.255.255", "100.100.100.200",
            "169.254.169.254", "169.254.0.1", "224.0.0.1", "239.255.255.250", "240.0.0.1", "255.255.255.255",
            "192.0.0.170", "198.18.0.1", "198.19.255.255"})
    void ipv4AddressesThatAreNotPublicAreRefused(String address) {
        assertThat(Addresses.isPublic(literal(address))).as(address).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "1.1.1.1", "172.15.255.255", "172.32.0.1", "100.63.255.255", "100.128.0.1",
            "169.253.255.255", "192.169.0.1", "11.0.0.1", "126.255.255.255", "223.255.255.255", "198.20.0.1", "192.0.2.1"})
    void publicIpv4AddressesPass(String address) {
        assertThat(Addresses.isPublic(literal(address))).as(address).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"::", "::1", "fe80::1", "febf::1", "fc00::1", "fd00:ec2::254", "fdff:ffff::1", "ff02::1",
            "ff05::2", "fec0::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "::ffff:169.254.169.254", "::ffff:0.0.0.0",
            "::127.0.0.1", "::0.0.0.5", "64:ff9b::a9fe:a9fe", "64:ff9b::7f00:1", "2002:7f00:1::", "2002:a00:1::1"})
    void ipv6AddressesThatAreNotPublicAreRefused(String address) {
        assertThat(Addresses.isPublic(literal(address))).as(address).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2606:4700:4700::1111", "2001:4860:4860::8888", "2a00:1450:4001::200e", "::ffff:8.8.8.8",
            "64:ff9b::808:808", "2002:808:808::1", "fe7f::1"})
    void publicIpv6AddressesPass(String address) {
        assertThat(Addresses.isPublic(literal(address))).as(address).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"00000000000000000000ffff7f000001", "00000000000000000000ffffa9fea9fe", "00000000000000000000ffff0a000001"})
    void anIpv4MappedAddressKeptInIpv6FormIsJudgedByItsIpv4Address(String hex) throws UnknownHostException {
        // Java's InetAddress.getByName turns ::ffff:a.b.c.d into an Inet4Address; a resolver may not.
        Inet6Address mapped = Inet6Address.getByAddress(null, HexFormat.of().parseHex(hex), -1);
        assertThat(mapped.getAddress()).hasSize(16);
        assertThat(Addresses.isPublic(mapped)).isFalse();
        Inet6Address publicOne = Inet6Address.getByAddress(null, HexFormat.of().parseHex("00000000000000000000ffff08080808"), -1);
        assertThat(Addresses.isPublic(publicOne)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"[::1]", "[fe80::1]", "127.0.0.1", "::ffff:127.0.0.1"})
    void literalsAreReadWithOrWithoutBrackets(String text) {
        assertThat(Addresses.literal(text)).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"hooks.slack.com", "localhost", "127.1", "2130706433", "0x7f000001", "1.2.3.4.5", ""})
    void namesAndAmbiguousNumbersAreNotLiterals(String text) {
        assertThat(Addresses.literal(text)).isNull();
    }

    static InetAddress literal(String text) {
        InetAddress address = Addresses.literal(text);
        assertThat(address).as(text).isNotNull();
        return address;
    }
}
