package io.upshift.notifier.email.mail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny SMTP server that answers as scripted, for the replies GreenMail never gives: a
 * recipient containing "greylisted" gets 451, "unknown" gets 550, and DATA gets {@code dataReply}.
 */
final class ScriptedSmtpServer implements AutoCloseable {

    private final ServerSocket socket;
    private final Thread thread;
    private final AtomicInteger accepted = new AtomicInteger();
    private volatile String dataReply = "250 2.0.0 queued";

    ScriptedSmtpServer() throws IOException {
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        thread = Thread.ofPlatform().daemon().name("scripted-smtp").start(this::serve);
    }

    int port() {
        return socket.getLocalPort();
    }

    void answerDataWith(String reply) {
        this.dataReply = reply;
    }

    /** Messages the server said 250 to after DATA. */
    int accepted() {
        return accepted.get();
    }

    private void serve() {
        while (!socket.isClosed()) {
            try (Socket client = socket.accept()) {
                converse(client);
            } catch (IOException e) {
                // The test closed the server, or the client hung up.
            }
        }
    }

    private void converse(Socket client) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
        Writer out = new OutputStreamWriter(client.getOutputStream(), StandardCharsets.US_ASCII);
        reply(out, "220 scripted ESMTP");
        String line;
        while ((line = in.readLine()) != null) {
            String command = line.toUpperCase();
            if (command.startsWith("EHLO") || command.startsWith("HELO")) {
                reply(out, "250 scripted");
            } else if (command.startsWith("MAIL FROM")) {
                reply(out, "250 2.1.0 ok");
            } else if (command.startsWith("RCPT TO")) {
                reply(out, command.contains("GREYLISTED") ? "451 4.7.1 greylisted, try again later"
                        : command.contains("UNKNOWN") ? "550 5.1.1 no such user" : "250 2.1.5 ok");
            } else if (command.equals("DATA")) {
                reply(out, "354 go ahead");
                while ((line = in.readLine()) != null && !line.equals(".")) {
                    // the message body
                }
                String answer = dataReply;
                if (answer.startsWith("250")) {
                    accepted.incrementAndGet();
                }
                reply(out, answer);
            } else if (command.equals("QUIT")) {
                reply(out, "221 bye");
                return;
            } else {
                reply(out, "250 ok");
            }
        }
    }

    private static void reply(Writer out, String line) throws IOException {
        out.write(line + "\r\n");
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
