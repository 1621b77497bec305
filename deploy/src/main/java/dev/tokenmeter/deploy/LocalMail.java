package dev.tokenmeter.deploy;

import dev.tokenmeter.process.DaemonThreads;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * An SMTP server for the local stack (GreenMail, in the launcher's JVM) on 127.0.0.1, so alert emails
 * can be read without a real mail account: every message received is written as an {@code .eml} file
 * under {@code <data dir>/mail} (open it with any mail client) and announced on the terminal.
 */
final class LocalMail implements Components.Part {

    static final int DEFAULT_PORT = 2525;
    private final GreenMail server;
    private final Path directory;
    private final ScheduledExecutorService writer = DaemonThreads.scheduler("tokenmeter-mail-writer");
    /** .eml files in the directory, from earlier runs too: the next file's number. */
    private int written;
    /** Messages of this run already written. */
    private int seen;

    private LocalMail(GreenMail server, Path directory) {
        this.server = server;
        this.directory = directory;
    }

    static LocalMail start(Path directory, int port) throws StartupException {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new StartupException("Cannot create " + directory + ": " + e);
        }
        GreenMail server = new GreenMail(new ServerSetup(port, Options.LOOPBACK, ServerSetup.PROTOCOL_SMTP));
        server.start();
        LocalMail mail = new LocalMail(server, directory);
        mail.written = existing(directory);
        mail.writer.scheduleWithFixedDelay(mail::writeNew, 1, 1, TimeUnit.SECONDS);
        return mail;
    }

    /** What the query service needs to send through it: the SMTP server, and leave to reach loopback. */
    static Map<String, String> environment(int port) {
        return Map.of("SPRING_MAIL_HOST", Options.LOOPBACK, "SPRING_MAIL_PORT", Integer.toString(port));
    }

    /** Writes the messages received since the last call; answers the files written. */
    synchronized List<Path> writeNew() {
        List<Path> files = new ArrayList<>();
        MimeMessage[] received = server.getReceivedMessages();
        for (; seen < received.length; seen++) {
            written++;
            files.add(write(received[seen], written));
        }
        return files;
    }

    private Path write(MimeMessage message, int number) {
        String subject;
        try {
            subject = message.getSubject() == null ? "no subject" : message.getSubject();
        } catch (MessagingException e) {
            subject = "unreadable subject";
        }
        Path file = directory.resolve(String.format(Locale.ROOT, "%05d-%s.eml", number, slug(subject)));
        try (OutputStream out = Files.newOutputStream(file)) {
            message.writeTo(out);
            Console.line("Mail received: \"" + subject + "\" -> " + file);
        } catch (IOException | MessagingException e) {
            Console.error("Could not write a received mail to " + file + ": " + e);
        }
        return file;
    }

    private static String slug(String subject) {
        String slug = subject.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return slug.isEmpty() ? "mail" : slug.substring(0, Math.min(60, slug.length()));
    }

    private static int existing(Path directory) {
        try (var files = Files.list(directory)) {
            return (int) files.filter(f -> f.toString().endsWith(".eml")).count();
        } catch (IOException e) {
            return 0;
        }
    }

    Path directory() {
        return directory;
    }

    @Override
    public void stop() {
        writer.shutdownNow();
        writeNew();
        server.stop();
    }
}
