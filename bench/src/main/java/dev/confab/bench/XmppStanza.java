package dev.confab.bench;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * One XMPP element as it arrives in one WebSocket text frame (RFC 7395 frames every top-level
 * element separately): its qualified name as written (prefix kept, e.g. {@code stream:features}),
 * attributes, children and text. Only the login and room-join steps parse frames; the measured
 * receive path reads the raw bytes ({@link FanoutStamp}).
 */
record XmppStanza(String name, Map<String, String> attrs, List<XmppStanza> children, String text) {
    private static final XMLInputFactory XML = XMLInputFactory.newFactory();

    static {
        // Prefixes stay in the names: a frame need not declare every prefix it uses for us to read it.
        XML.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
        XML.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    }

    XmppStanza {
        attrs = Map.copyOf(attrs);
        children = List.copyOf(children);
    }

    /** Parses one element; throws {@link IllegalArgumentException} on anything else. */
    static XmppStanza parse(String frame) {
        try {
            XMLStreamReader r = XML.createXMLStreamReader(new StringReader(frame));
            try {
                while (r.hasNext()) {
                    if (r.next() == XMLStreamConstants.START_ELEMENT) return element(r);
                }
                throw new IllegalArgumentException("no element in frame: " + frame);
            } finally {
                r.close();
            }
        } catch (XMLStreamException e) {
            throw new IllegalArgumentException("not XML: " + frame, e);
        }
    }

    private static XmppStanza element(XMLStreamReader r) throws XMLStreamException {
        String name = r.getLocalName();
        Map<String, String> attrs = new LinkedHashMap<>();
        for (int i = 0; i < r.getAttributeCount(); i++) attrs.put(r.getAttributeLocalName(i), r.getAttributeValue(i));
        List<XmppStanza> children = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        while (true) {
            int ev = r.next();
            if (ev == XMLStreamConstants.START_ELEMENT) children.add(element(r));
            else if (ev == XMLStreamConstants.CHARACTERS || ev == XMLStreamConstants.CDATA) text.append(r.getText());
            else if (ev == XMLStreamConstants.END_ELEMENT) return new XmppStanza(name, attrs, children, text.toString());
        }
    }

    String attr(String key) {
        return attrs.get(key);
    }

    /** The first child with this name, or null. */
    XmppStanza child(String childName) {
        for (XmppStanza c : children) if (c.name.equals(childName)) return c;
        return null;
    }

    /** The first element with this name anywhere below (depth first), or null. */
    XmppStanza find(String descendant) {
        for (XmppStanza c : children) {
            if (c.name.equals(descendant)) return c;
            XmppStanza d = c.find(descendant);
            if (d != null) return d;
        }
        return null;
    }

    boolean is(String n) {
        return name.equals(n);
    }

    /** Escapes text or an attribute value for an element we write. */
    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '\'' -> b.append("&apos;");
                case '"' -> b.append("&quot;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
