package vn.egovpulse.ingest.rest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import vn.egovpulse.events.FieldError;
import vn.egovpulse.platform.rest.ProblemException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a POST body into the list of events it carries (SPEC 2.1): a JSON array (batch), one
 * structured event, or one event in CloudEvents HTTP binary mode (attributes in ce-* headers).
 * Throws 413 or 400 problems; what is inside each event is for the validator.
 */
final class EventsBody {
    static final String BATCH = "application/cloudevents-batch+json";
    static final String STRUCTURED = "application/cloudevents+json";
    static final String BINARY_MARKER = "ce-specversion";

    private final ObjectMapper json;
    private final int maxEvents;

    EventsBody(ObjectMapper json, int maxEvents) {
        this.json = json;
        this.maxEvents = maxEvents;
    }

    /**
     * One event of the body: its tree (for the validator) and, when it was sent as JSON, its
     * original bytes (null in binary mode, where the event is assembled from headers).
     */
    record Event(JsonNode node, byte[] json) {
    }

    List<Event> events(byte[] body, HttpHeaders headers) {
        MediaType type = headers.getMediaType();
        String mediaType = type == null ? MediaType.APPLICATION_JSON
                : (type.getType() + "/" + type.getSubtype()).toLowerCase(Locale.ROOT);
        if (headers.getHeaderString(BINARY_MARKER) != null) {
            return List.of(new Event(binary(body, headers, type), null));
        }
        boolean batch = mediaType.equals(BATCH);
        boolean single = mediaType.equals(STRUCTURED);
        if (!batch && !single && !mediaType.equals(MediaType.APPLICATION_JSON)) {
            throw new ProblemException(415, "Unsupported media type", "send " + BATCH + ", " + STRUCTURED
                    + " or application/json (or CloudEvents binary mode with ce-* headers)", null);
        }
        requireUtf8(body);
        JsonToken first = firstToken(body);
        if (first == JsonToken.START_ARRAY && !single) {
            return array(body);
        }
        if (first == JsonToken.START_OBJECT && !batch) {
            JsonNode node = tree(body);
            return List.of(new Event(node, body));
        }
        throw badBody(0, batch ? "must be a JSON array of events"
                : single ? "must be one event (a JSON object)" : "must be a JSON array of events or one event object");
    }

    /**
     * One pass: builds each element and remembers its original bytes, so that a valid event is
     * published exactly as it was sent instead of being written out again. Stops past the limit.
     */
    private List<Event> array(byte[] body) {
        List<Event> events = new ArrayList<>();
        try (JsonParser p = json.getFactory().createParser(body)) {
            p.nextToken();
            for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                if (t == null) {
                    throw badBody(events.size(), "malformed JSON: unexpected end of input");
                }
                if (events.size() == maxEvents) {
                    throw tooLarge("more than " + maxEvents + " events in one request");
                }
                int start = (int) p.currentTokenLocation().getByteOffset();
                JsonNode node = p.readValueAsTree();
                int end = (int) p.currentTokenLocation().getByteOffset() + 1;
                events.add(new Event(node, node.isObject() ? Arrays.copyOfRange(body, start, end) : null));
            }
            if (p.nextToken() != null) {
                throw badBody(events.size(), "malformed JSON: unexpected content after the array");
            }
        } catch (ProblemException e) {
            throw e;
        } catch (JsonProcessingException e) {
            throw badBody(events.size(), "malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw badBody(events.size(), "unreadable body: " + e.getMessage());
        }
        if (events.isEmpty()) {
            throw badBody(0, "the batch is empty");
        }
        return events;
    }

    /**
     * Jackson would detect UTF-16/32 and read it, but the received bytes are published as they are
     * and egov.events carries UTF-8 (RFC 8259 8.1). UTF-8 JSON never has a 0 byte or a UTF-16 byte
     * order mark in its first bytes, so looking at them is enough.
     */
    private static void requireUtf8(byte[] body) {
        boolean bom16 = body.length >= 2 && ((body[0] == (byte) 0xFE && body[1] == (byte) 0xFF)
                || (body[0] == (byte) 0xFF && body[1] == (byte) 0xFE));
        boolean zero = false;
        for (int i = 0; i < Math.min(4, body.length); i++) {
            zero |= body[i] == 0;
        }
        if (bom16 || zero) {
            throw badBody(0, "must be UTF-8 JSON (UTF-16 and UTF-32 are not accepted)");
        }
    }

    private JsonNode tree(byte[] body) {
        try (JsonParser p = json.getFactory().createParser(body)) {
            JsonNode node = p.readValueAsTree();
            if (p.nextToken() != null) {
                throw badBody(0, "malformed JSON: unexpected content after the event");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw badBody(0, "malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw badBody(0, "unreadable body: " + e.getMessage());
        }
    }

    private JsonToken firstToken(byte[] body) {
        try (JsonParser p = json.getFactory().createParser(body)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                throw badBody(0, "the body is empty");
            }
            return t;
        } catch (JsonProcessingException e) {
            throw badBody(0, "malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw badBody(0, "unreadable body: " + e.getMessage());
        }
    }

    /** CloudEvents HTTP binary mode: attributes from ce-* headers, the body is {@code data}. */
    private JsonNode binary(byte[] body, HttpHeaders headers, MediaType type) {
        ObjectNode event = json.createObjectNode();
        for (Map.Entry<String, List<String>> h : headers.getRequestHeaders().entrySet()) {
            String name = h.getKey().toLowerCase(Locale.ROOT);
            if (name.startsWith("ce-") && name.length() > 3 && !h.getValue().isEmpty()) {
                event.put(name.substring(3), percentDecode(h.getValue().get(0)));
            }
        }
        if (type != null) {
            event.put("datacontenttype", type.toString());
        }
        if (body.length > 0) {
            requireUtf8(body);
            event.set("data", tree(body));
        }
        return event;
    }

    /** The binary mode percent-encodes header values (not form encoding: '+' stays '+'). */
    static String percentDecode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] in = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < in.length; i++) {
            int hi = i + 2 < in.length ? Character.digit(in[i + 1], 16) : -1;
            int lo = i + 2 < in.length ? Character.digit(in[i + 2], 16) : -1;
            if (in[i] == '%' && hi >= 0 && lo >= 0) {
                out.write(hi * 16 + lo);
                i += 2;
            } else {
                out.write(in[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    static ProblemException badBody(int index, String message) {
        return new ProblemException(400, "Bad request", "body: " + message,
                List.of(new FieldError(index, "body", message)));
    }

    static ProblemException tooLarge(String detail) {
        return new ProblemException(413, "Payload too large", detail, null);
    }
}
