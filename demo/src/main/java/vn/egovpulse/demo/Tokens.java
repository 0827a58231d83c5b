package vn.egovpulse.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Bearer tokens obtained by running {@code <token-cmd> <sub> <groups> <province>} once per caller. */
final class Tokens {
    private final List<String> command;
    private final Map<String, String> cache = new ConcurrentHashMap<>();

    Tokens(String tokenCommand) {
        this.command = List.of(tokenCommand.trim().split("\\s+"));
    }

    /** The token of an event source, e.g. urn:egov:PTO:one-stop (role ingest). */
    String ingest(String source, String province) {
        return get(source, "ingest", province);
    }

    /** The token of the province's administrator (role admin), for PUT /api/v1/units. */
    String admin(String province) {
        return get("urn:egov:" + province + ":admin", "admin", province);
    }

    String get(String sub, String groups, String province) {
        return cache.computeIfAbsent(sub + " " + groups + " " + province, k -> run(sub, groups, province));
    }

    private String run(String sub, String groups, String province) {
        List<String> cmd = new ArrayList<>(command);
        cmd.addAll(List.of(sub, groups, province));
        try {
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            int rc = p.waitFor();
            if (rc != 0 || out.isEmpty()) {
                throw new IllegalStateException("token command " + cmd + " failed (exit " + rc + ")");
            }
            String[] lines = out.split("\n");
            return lines[lines.length - 1].trim();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run token command " + cmd + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
