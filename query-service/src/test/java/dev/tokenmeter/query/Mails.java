package dev.tokenmeter.query;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** A real SMTP server (GreenMail) for the alert tests, and what the messages it received hold. */
public final class Mails {

    private Mails() {
    }

    /** An SMTP server on 127.0.0.1:{@code port}, started. */
    public static GreenMail started(int port) {
        GreenMail mail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        return mail;
    }

    /** The parts of a message by content type, as decoded text. */
    public static Map<String, String> parts(MimeMessage mail) throws Exception {
        Map<String, String> parts = new TreeMap<>();
        collect(mail.getContent(), mail.getContentType(), parts);
        return parts;
    }

    private static void collect(Object content, String type, Map<String, String> parts) throws Exception {
        if (content instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart part = multipart.getBodyPart(i);
                collect(part.getContent(), part.getContentType(), parts);
            }
        } else {
            parts.put(type.split(";")[0].trim().toLowerCase(Locale.ROOT), content.toString());
        }
    }
}
