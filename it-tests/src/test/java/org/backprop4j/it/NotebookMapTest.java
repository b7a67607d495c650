package org.backprop4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.backprop4j.kernel.Kernels;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@code docs/notebook-map.md} true: every notebook function a student looks for has a row, every Java
 * method a row names exists, every backend override of a {@link Kernels} method is listed in that method's
 * row (and nothing else is), and each {@code Kernels} method's Javadoc starts with its Python name and names
 * the classes that override it.
 */
class NotebookMapTest {

    /** The notebook functions the map must cover (issue "Code shape", section 1). */
    private static final List<String> REQUIRED = List.of("affine_forward", "affine_backward", "relu_forward",
            "relu_backward", "sigmoid", "affine_relu_forward", "affine_relu_backward", "softmax_loss", "svm_loss",
            "batchnorm_forward", "batchnorm_backward", "batchnorm_backward_alt", "dropout_forward", "dropout_backward",
            "TwoLayerNet.loss", "FullyConnectedNet.loss", "Solver._step", "Solver.check_accuracy", "sgd",
            "sgd_momentum", "rmsprop", "adam", "eval_numerical_gradient", "eval_numerical_gradient_array",
            "grad_check_sparse", "rel_error", "load_CIFAR10", "get_CIFAR10_data", "show_net_weights",
            "conv_forward_naive", "conv_backward_naive", "conv_forward_fast", "conv_backward_fast",
            "max_pool_forward_naive", "max_pool_backward_naive", "max_pool_forward_fast", "max_pool_backward_fast",
            "spatial_batchnorm_forward", "spatial_batchnorm_backward", "spatial_groupnorm_forward",
            "spatial_groupnorm_backward", "conv_relu_forward", "conv_relu_pool_forward", "ThreeLayerConvNet.loss",
            "visualize_grid");

    private static final Path MAP = Path.of("..", "docs", "notebook-map.md");
    private static final Path KERNELS_SOURCE = Path.of("..", "api", "src", "main", "java", "org", "backprop4j",
            "kernel",
            "Kernels.java");
    /** {@code `Class.method`}: a Java method named in the map. */
    private static final Pattern JAVA = Pattern.compile("`([A-Z][A-Za-z0-9]*)\\.([a-z][A-Za-z0-9]*)`");
    private static final Pattern PYTHON = Pattern.compile("`([A-Za-z_][A-Za-z0-9_.]*)`");

    private static JavaClasses classes;
    private static List<Row> rows;

    /** One row of the table: the notebook functions, the reference methods, the faster copies. */
    record Row(List<String> python, List<String> reference, List<String> copies) {
    }

    @BeforeAll
    static void read() throws IOException {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.backprop4j");
        rows = new ArrayList<>();
        for (String line : Files.readAllLines(MAP)) {
            if (!line.startsWith("| `")) {
                continue;
            }
            String[] cells = line.split("\\|", -1);
            assertEquals(6, cells.length, "a row has four cells: " + line);
            rows.add(new Row(all(PYTHON, cells[1], 1), java(cells[3]), java(cells[4])));
        }
        assertFalse(rows.isEmpty(), MAP + " holds no table rows");
    }

    private static List<String> all(Pattern p, String text, int group) {
        List<String> out = new ArrayList<>();
        Matcher m = p.matcher(text);
        while (m.find()) {
            out.add(m.group(group));
        }
        return out;
    }

    private static List<String> java(String cell) {
        List<String> out = new ArrayList<>();
        Matcher m = JAVA.matcher(cell);
        while (m.find()) {
            out.add(m.group(1) + "." + m.group(2));
        }
        return out;
    }

    @Test
    void everyNotebookFunctionHasARowWithAReference() {
        Map<String, Row> byName = new LinkedHashMap<>();
        rows.forEach(r -> r.python().forEach(p -> byName.put(p, r)));
        for (String name : REQUIRED) {
            assertTrue(byName.containsKey(name), "docs/notebook-map.md has no row for " + name);
            assertFalse(byName.get(name).reference().isEmpty(), name + "'s row names no Java method");
        }
    }

    @Test
    void everyJavaMethodTheMapNamesExists() {
        for (Row r : rows) {
            for (String method : concat(r.reference(), r.copies())) {
                JavaClass c = classNamed(method.substring(0, method.indexOf('.')));
                String name = method.substring(method.indexOf('.') + 1);
                assertTrue(c.getAllMethods().stream().anyMatch(m -> m.getName().equals(name)),
                        method + " (in the row of " + r.python() + ") is not a method of " + c.getName());
            }
        }
    }

    @Test
    void theRowOfEachKernelsMethodListsExactlyTheBackendsThatOverrideIt() {
        List<String> wrong = new ArrayList<>();
        overrides().forEach((method, actual) -> {
            Set<String> listed = new TreeSet<>();
            for (Row r : rows) {
                if (r.reference().contains("Kernels." + method)) {
                    r.copies().stream().filter(x -> x.endsWith("." + method)).forEach(listed::add);
                }
            }
            Set<String> expected = actual.stream().map(c -> c + "." + method)
                    .collect(Collectors.toCollection(TreeSet::new));
            if (!expected.equals(listed)) {
                wrong.add("Kernels." + method + ": overridden by " + expected + ", the map lists " + listed);
            }
        });
        assertEquals(List.of(), wrong, "rows of docs/notebook-map.md whose faster copies are not the overrides");
    }

    @Test
    void theJavadocOfAnOverriddenKernelsMethodNamesTheClassesThatOverrideIt() throws IOException {
        String source = Files.readString(KERNELS_SOURCE);
        List<String> wrong = new ArrayList<>();
        overrides().forEach((method, actual) -> {
            String docs = String.join(" ", javadocs(source, method));
            for (String c : actual) {
                if (!docs.contains("{@code " + c + "}")) {
                    wrong.add("Kernels." + method + "'s Javadoc does not name {@code " + c + "}, which overrides it");
                }
            }
            if (actual.isEmpty() && docs.contains("Overridden by")) {
                wrong.add("Kernels." + method + "'s Javadoc says it is overridden; no backend overrides it");
            }
        });
        assertEquals(List.of(), wrong);
    }

    /** Each {@link Kernels} method's name, and the simple names of the backend classes that override it. */
    private static Map<String, Set<String>> overrides() {
        List<JavaClass> overriding = classes.stream()
                .filter(c -> c.isAssignableTo(Kernels.class) && !c.getSimpleName().equals("Kernels")
                        && !c.isAnonymousClass())
                .toList();
        assertTrue(overriding.size() >= 3, "backend kernel classes found: " + overriding);
        Map<String, Set<String>> out = new LinkedHashMap<>();
        for (JavaMethod km : classNamed("Kernels").getMethods()) {
            Set<String> by = out.computeIfAbsent(km.getName(), k -> new TreeSet<>());
            for (JavaClass c : overriding) {
                if (c.getMethods().stream().anyMatch(m -> m.getName().equals(km.getName()))) {
                    by.add(c.getSimpleName());
                }
            }
        }
        return out;
    }

    /** The Javadoc before each {@code default} declaration of {@code method} in Kernels.java, stars removed. */
    private static List<String> javadocs(String source, String method) {
        List<String> out = new ArrayList<>();
        Matcher decl = Pattern.compile("\\bdefault [^;{(]*\\b" + method + "\\(").matcher(source);
        while (decl.find()) {
            String before = source.substring(0, decl.start());
            out.add(before.substring(before.lastIndexOf("/**") + 3).replaceAll("(?m)^\\s*\\*", " ").strip());
        }
        return out;
    }

    @Test
    void eachKernelsMethodsJavadocStartsWithItsPythonName() throws IOException {
        String source = Files.readString(KERNELS_SOURCE);
        for (Row r : rows) {
            for (String ref : r.reference()) {
                if (!ref.startsWith("Kernels.")) {
                    continue;
                }
                String method = ref.substring("Kernels.".length());
                List<String> docs = javadocs(source, method);
                for (String doc : docs) {
                    Matcher name = Pattern.compile("^\\{@code ([A-Za-z_.]+)\\}").matcher(doc);
                    assertTrue(name.find(), "the Javadoc of Kernels." + method + " starts with no {@code python_name}: "
                            + doc.substring(0, Math.min(60, doc.length())));
                    assertTrue(r.python().contains(name.group(1)), "Kernels." + method + "'s Javadoc names "
                            + name.group(1) + ", its row " + r.python());
                }
                int found = docs.size();
                assertTrue(found > 0, "no default method " + method + " in Kernels.java");
            }
        }
    }

    private static JavaClass classNamed(String simpleName) {
        List<JavaClass> found = classes.stream().filter(c -> c.getSimpleName().equals(simpleName)).toList();
        assertEquals(1, found.size(), "classes named " + simpleName + ": " + found);
        return found.get(0);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
