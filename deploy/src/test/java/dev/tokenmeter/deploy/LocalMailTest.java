package dev.tokenmeter.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalMailTest {

    @Test
    void everyMailReceivedOverSmtpIsWrittenAsAnEmlFileNumberedAcrossRestarts(@TempDir Path dir) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path mailDir = dir.resolve("mail");
        LocalMail mail = LocalMail.start(mailDir, port);
        try {
            send(port, "Budget \"Support bot\" reached 80% of its limit");
            List<Path> written = mail.writeNew();
            assertThat(written).hasSize(1);
            assertThat(written.get(0).getFileName().toString()).isEqualTo("00001-budget-support-bot-reached-80-of-its-limit.eml");
            assertThat(Files.readString(written.get(0))).contains("Subject: Budget \"Support bot\" reached 80% of its limit",
                    "X-Tokenmeter-Delivery: dlv_0123456789abcdef", "finops@example.com");
            assertThat(mail.writeNew()).isEmpty();
        } finally {
            mail.stop();
        }
        LocalMail again = LocalMail.start(mailDir, port);
        try {
            send(port, "Second");
            assertThat(again.writeNew()).extracting(p -> p.getFileName().toString()).containsExactly("00002-second.eml");
        } finally {
            again.stop();
        }
    }

    private static void send(int port, String subject) throws Exception {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", "127.0.0.1");
        properties.put("mail.smtp.port", Integer.toString(port));
        MimeMessage message = new MimeMessage(Session.getInstance(properties));
        message.setFrom(new InternetAddress("alerts@tokenmeter.localhost"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress("finops@example.com"));
        message.setSubject(subject);
        message.setText("hello");
        message.setHeader("X-Tokenmeter-Delivery", "dlv_0123456789abcdef");
        Transport.send(message);
    }
}
