package dev.ratel.formats.tariff;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A YAML mapping read key by key, remembering which keys were read so that {@link #finish()} can
 * report every key nobody asked for: a typo must never silently drop a rule. Merge keys
 * ({@code <<: *anchor}) are flattened, explicit keys winning. Scalars are kept as text, so an amount
 * such as {@code 3.50} never passes through a {@code double}.
 */
final class YamlObject {
    private final Path file;
    private final Node node;
    private final List<TariffProblem> problems;

    List<TariffProblem> problems() {
        return problems;
    }
    private final Map<String, NodeTuple> entries = new LinkedHashMap<>();
    private final Set<String> read = new LinkedHashSet<>();

    YamlObject(Path file, Node node, List<TariffProblem> problems) {
        this.file = file;
        this.node = node;
        this.problems = problems;
        if (node instanceof MappingNode) {
            collect((MappingNode) node, true);
        } else {
            problem(node, "expected a mapping of keys to values here");
        }
    }

    private void collect(MappingNode mapping, boolean explicit) {
        List<MappingNode> merged = new ArrayList<>();
        for (NodeTuple tuple : mapping.getValue()) {
            Node keyNode = tuple.getKeyNode();
            if (keyNode.getTag().equals(Tag.MERGE) || (keyNode instanceof ScalarNode && "<<".equals(((ScalarNode) keyNode).getValue()))) {
                Node value = tuple.getValueNode();
                if (value instanceof MappingNode) {
                    merged.add((MappingNode) value);
                } else if (value instanceof SequenceNode) {
                    for (Node item : ((SequenceNode) value).getValue()) {
                        if (item instanceof MappingNode) {
                            merged.add((MappingNode) item);
                        }
                    }
                } else {
                    problem(value, "'<<' merges a mapping (an alias such as *terms-2024)");
                }
                continue;
            }
            if (!(keyNode instanceof ScalarNode)) {
                problem(keyNode, "keys must be plain words");
                continue;
            }
            String key = ((ScalarNode) keyNode).getValue();
            if (entries.containsKey(key)) {
                if (explicit) {
                    problem(keyNode, "key '" + key + "' appears twice");
                }
                continue;
            }
            entries.put(key, tuple);
        }
        for (MappingNode source : merged) {
            collect(source, false);
        }
    }

    static int lineOf(Node node) {
        return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }

    int line() {
        return lineOf(node);
    }

    Path file() {
        return file;
    }

    void problem(Node at, String message) {
        problems.add(new TariffProblem(file, lineOf(at), message));
    }

    void problem(String message) {
        problem(node, message);
    }

    boolean has(String key) {
        return entries.containsKey(key);
    }

    /** The value node of a key (marking it read), or null when absent. */
    Node node(String key) {
        read.add(key);
        NodeTuple tuple = entries.get(key);
        return tuple == null ? null : tuple.getValueNode();
    }

    String string(String key, boolean required) {
        Node value = node(key);
        if (value == null) {
            if (required) {
                problem("missing required key '" + key + "'");
            }
            return null;
        }
        String text = scalar(value, key);
        if (required && text != null && text.isEmpty()) {
            text = null;
        }
        if (required && text == null && value instanceof ScalarNode) {
            problem(value, "'" + key + "' has no value");
        }
        return text;
    }

    /** A required code (a rate, allowance, rule, fee or class id), in Ratel's one id syntax. */
    String code(String key) {
        String text = string(key, true);
        if (text != null && !dev.ratel.formats.reference.IdSyntax.isValid(text)) {
            problem(node(key), "'" + key + "' '" + text + "' is not an id: " + dev.ratel.formats.reference.IdSyntax.RULE);
            return null;
        }
        return text;
    }

    String scalar(Node value, String what) {
        if (value instanceof ScalarNode && value.getTag().equals(Tag.NULL)) {
            return null;
        }
        if (value instanceof ScalarNode) {
            return ((ScalarNode) value).getValue().trim();
        }
        problem(value, "'" + what + "' must be a single value, not a list or mapping");
        return null;
    }

    /** A list of scalars; a single scalar counts as a list of one. Empty when absent. */
    List<String> strings(String key) {
        Node value = node(key);
        List<String> out = new ArrayList<>();
        if (value == null) {
            return out;
        }
        if (value instanceof ScalarNode) {
            String text = ((ScalarNode) value).getValue().trim();
            if (!text.isEmpty()) {
                out.add(text);
            }
            return out;
        }
        if (!(value instanceof SequenceNode)) {
            problem(value, "'" + key + "' must be a list such as [A, B]");
            return out;
        }
        for (Node item : ((SequenceNode) value).getValue()) {
            String text = scalar(item, key);
            if (text != null) {
                out.add(text);
            }
        }
        return out;
    }

    /** Items of a list of mappings. Empty when absent. */
    List<YamlObject> objects(String key) {
        Node value = node(key);
        List<YamlObject> out = new ArrayList<>();
        if (value == null) {
            return out;
        }
        if (!(value instanceof SequenceNode)) {
            problem(value, "'" + key + "' must be a list of entries, each starting with '- '");
            return out;
        }
        for (Node item : ((SequenceNode) value).getValue()) {
            out.add(new YamlObject(file, item, problems));
        }
        return out;
    }

    YamlObject object(String key, boolean required) {
        Node value = node(key);
        if (value == null) {
            if (required) {
                problem("missing required key '" + key + "'");
            }
            return null;
        }
        return new YamlObject(file, value, problems);
    }

    /** Key-value pairs of a nested mapping, in file order, with the value nodes for line numbers. */
    Map<String, Node> pairs(String key) {
        Node value = node(key);
        Map<String, Node> out = new LinkedHashMap<>();
        if (value == null) {
            return out;
        }
        YamlObject nested = new YamlObject(file, value, problems);
        for (Map.Entry<String, NodeTuple> entry : nested.entries.entrySet()) {
            out.put(entry.getKey(), entry.getValue().getValueNode());
        }
        return out;
    }

    /** Reports every key present but never read, naming the keys this mapping accepts. */
    void finish(String what, String... accepted) {
        for (Map.Entry<String, NodeTuple> entry : entries.entrySet()) {
            if (!read.contains(entry.getKey())) {
                problem(entry.getValue().getKeyNode(), "unknown key '" + entry.getKey() + "' in " + what
                        + "; expected one of: " + String.join(", ", accepted));
            }
        }
    }
}
