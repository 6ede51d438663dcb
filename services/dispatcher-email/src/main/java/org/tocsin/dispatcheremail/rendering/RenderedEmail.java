package org.tocsin.dispatcheremail.rendering;

import java.util.Map;

/**
 * One e-mail ready to be handed to a relay.
 *
 * @param messageId the {@code Message-ID}, angle brackets included; the same for every attempt
 *     of a task
 * @param subject one line, never empty
 * @param language the language tag of the texts ({@code Content-Language}, HTML {@code lang})
 * @param text the text/plain part
 * @param html the text/html part: escaped text, no scripts, no remote content
 * @param headers further headers, in order
 */
public record RenderedEmail(String messageId, String subject, String language, String text,
                            String html, Map<String, String> headers) {
}
