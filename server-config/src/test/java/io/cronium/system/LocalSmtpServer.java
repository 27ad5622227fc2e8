package io.cronium.system;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A small SMTP server on loopback that follows RFC 5321's command order as a real server does (greeting, EHLO/HELO,
 * MAIL FROM, RCPT TO, DATA, dot-terminated message, QUIT) and answers 503 to commands out of sequence, keeping every
 * accepted message for the tests to read.
 */
public final class LocalSmtpServer implements AutoCloseable {

    public record Mail(String from, List<String> to, String data) {
    }

    private final ServerSocket socket;
    private final List<Mail> received = new CopyOnWriteArrayList<>();
    private final List<String> protocolErrors = new CopyOnWriteArrayList<>();

    public LocalSmtpServer() throws IOException {
        socket = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "local-smtp");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return socket.getLocalPort();
    }

    public List<String> protocolErrors() {
        return List.copyOf(protocolErrors);
    }

    /** Waits for a message to the given address. */
    public Mail awaitMailTo(String address, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (Mail mail : received) {
                if (mail.to().stream().anyMatch(to -> to.contains(address))) {
                    received.remove(mail);
                    return mail;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no mail to " + address + " within " + timeout);
    }

    public boolean hasMailTo(String address) {
        return received.stream().anyMatch(m -> m.to().stream().anyMatch(to -> to.contains(address)));
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                Thread t = new Thread(() -> converse(client), "local-smtp-session");
                t.setDaemon(true);
                t.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void converse(Socket client) {
        try (client;
             var in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
             var out = new PrintWriter(client.getOutputStream(), true, StandardCharsets.US_ASCII)) {
            reply(out, "220 localhost ESMTP test");
            boolean greeted = false;
            String from = null;
            List<String> to = new CopyOnWriteArrayList<>();
            String line;
            while ((line = in.readLine()) != null) {
                String command = line.length() >= 4 ? line.substring(0, 4).toUpperCase(Locale.ROOT) : line.toUpperCase(Locale.ROOT);
                switch (command) {
                    case "EHLO", "HELO" -> {
                        greeted = true;
                        reply(out, command.equals("EHLO") ? "250-localhost\r\n250 8BITMIME" : "250 localhost");
                    }
                    case "MAIL" -> {
                        if (!greeted || !line.toUpperCase(Locale.ROOT).startsWith("MAIL FROM:")) {
                            sequenceError(out, line);
                        } else {
                            from = line.substring(10).trim();
                            to.clear();
                            reply(out, "250 OK");
                        }
                    }
                    case "RCPT" -> {
                        if (from == null || !line.toUpperCase(Locale.ROOT).startsWith("RCPT TO:")) {
                            sequenceError(out, line);
                        } else {
                            to.add(line.substring(8).trim());
                            reply(out, "250 OK");
                        }
                    }
                    case "DATA" -> {
                        if (from == null || to.isEmpty()) {
                            sequenceError(out, line);
                            break;
                        }
                        reply(out, "354 end data with <CR><LF>.<CR><LF>");
                        var data = new StringBuilder();
                        String dataLine;
                        while ((dataLine = in.readLine()) != null && !dataLine.equals(".")) {
                            data.append(dataLine.startsWith("..") ? dataLine.substring(1) : dataLine).append('\n');
                        }
                        received.add(new Mail(from, List.copyOf(to), data.toString()));
                        from = null;
                        reply(out, "250 OK queued");
                    }
                    case "RSET" -> {
                        from = null;
                        to.clear();
                        reply(out, "250 OK");
                    }
                    case "NOOP" -> reply(out, "250 OK");
                    case "QUIT" -> {
                        reply(out, "221 bye");
                        return;
                    }
                    default -> reply(out, "502 command not implemented");
                }
            }
        } catch (IOException ignored) {
            // the client went away
        }
    }

    private void sequenceError(PrintWriter out, String line) {
        protocolErrors.add(line);
        reply(out, "503 bad sequence of commands");
    }

    private static void reply(PrintWriter out, String text) {
        out.print(text + "\r\n");
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
