package io.upshift.devstack;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A real SMTP server (GreenMail) that accepts mail for any address. It can be stopped and
 * started again on the same port, to test what the notifier does while the relay is down; what
 * it received before a stop stays in {@link #receivedMessages()}, as a real mailbox keeps it.
 * <p>
 * Every message goes into one mailbox, one copy per recipient as before. GreenMail would make a
 * mailbox per recipient address and look it up by a linear scan, one delivery at a time (its
 * {@code SmtpManager.send} is synchronized): with the 150,000-odd addresses of the 100,000-org
 * load test, delivery fell to ~40 messages per second and the server, not the notifier, set the
 * pace. Nothing here reads mail by mailbox (there is no IMAP), only {@link #receivedMessages()}.
 */
public final class SmtpServer implements AutoCloseable {

    private int port;
    private GreenMail greenMail;
    /** Mail received by the servers that ran before the last restart. */
    private final List<MimeMessage> beforeRestart = new ArrayList<>();

    SmtpServer(DevStackConfig config) {
        ServerSetup setup = new ServerSetup(config.smtpPort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
        greenMail = started(config.smtpPort() == 0 ? setup.dynamicPort() : setup);
        port = greenMail.getSmtp().getPort();
    }

    /** A started GreenMail that delivers every recipient's copy into one mailbox (see the class comment). */
    private static GreenMail started(ServerSetup setup) {
        GreenMail server = new GreenMail(setup);
        server.start();
        GreenMailUser mailbox = server.setUser("mailbox@devstack.local", "mailbox", "mailbox");
        server.getUserManager().setMessageDeliveryHandler((message, recipient) -> mailbox);
        return server;
    }

    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return port;
    }

    /** Every mail received since start-up (or the last {@link #purge()}), restarts included. */
    public synchronized List<MimeMessage> receivedMessages() {
        List<MimeMessage> all = new ArrayList<>(beforeRestart);
        all.addAll(List.of(greenMail.getReceivedMessages()));
        return List.copyOf(all);
    }

    public synchronized boolean isRunning() {
        return greenMail.isRunning();
    }

    /** Stops accepting connections; mail already received is kept. */
    public synchronized void stop() {
        if (greenMail.isRunning()) {
            // Read the store after the stop, not before: a mail accepted ("250 OK") while the server
            // was stopping would otherwise be lost. GreenMail's stop() starts a new, empty store.
            Managers stopped = greenMail.getManagers();
            greenMail.stop();
            stopped.getImapHostManager().getAllMessages().forEach(m -> beforeRestart.add(m.getMimeMessage()));
        }
    }

    /** Starts again on the same port; the mail received before the stop is still listed. */
    public synchronized void start() {
        if (!greenMail.isRunning()) {
            greenMail = started(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        }
    }

    /** Forgets every mail received so far. */
    public synchronized void purge() {
        beforeRestart.clear();
        try {
            greenMail.purgeEmailFromAllMailboxes();
        } catch (com.icegreen.greenmail.store.FolderException e) {
            throw new IllegalStateException("cannot purge the mailboxes: " + e.getMessage(), e);
        }
    }

    /** Writes every received mail to the directory as {@code NNNNN.eml} and returns how many. */
    public synchronized int writeTo(Path directory) {
        try {
            Files.createDirectories(directory);
            List<MimeMessage> messages = receivedMessages();
            for (int i = 0; i < messages.size(); i++) {
                try (OutputStream out = Files.newOutputStream(directory.resolve(String.format("%05d.eml", i + 1)))) {
                    messages.get(i).writeTo(out);
                }
            }
            return messages.size();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (MessagingException e) {
            throw new IllegalStateException("cannot write a received mail: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        greenMail.stop();
    }
}
