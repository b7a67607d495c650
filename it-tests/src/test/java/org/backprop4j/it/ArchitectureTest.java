package org.backprop4j.it;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The dependency rule of DESIGN.md, checked on the compiled main classes of every module. */
class ArchitectureTest {

    private static final String[] BACKEND_IMPLEMENTATIONS = {"org.backprop4j.backend.pure..",
            "org.backprop4j.backend.naive..", "org.backprop4j.backend.array..", "org.backprop4j.backend.ejml..",
            "org.backprop4j.backend.nd4j.."};
    private static final String[] UPPER_MODULES = {"org.backprop4j.models..", "org.backprop4j.solver..",
            "org.backprop4j.datasets..", "org.backprop4j.cli.."};
    private static final String[] API = {"org.backprop4j.matrix..", "org.backprop4j.tensor..",
            "org.backprop4j.kernel..", "org.backprop4j.random..", "org.backprop4j.parallel..",
            "org.backprop4j.backend"};

    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.backprop4j");
    }

    @Test
    void everyModuleIsImported() {
        for (String p : new String[] {"org.backprop4j.matrix", "org.backprop4j.tensor", "org.backprop4j.kernel.conv",
                "org.backprop4j.backend.pure",
                "org.backprop4j.backend.naive",
                "org.backprop4j.backend.ejml", "org.backprop4j.backend.nd4j", "org.backprop4j.models",
                "org.backprop4j.solver",
                "org.backprop4j.models.notebook", "org.backprop4j.datasets", "org.backprop4j.cli",
                "org.backprop4j.tensorboard", "org.backprop4j.interop.onnx", "org.backprop4j.conformance"}) {
            if (!classes.containPackage(p)) {
                throw new AssertionError("no classes imported from " + p + ": the rules below would check nothing");
            }
        }
    }

    @Test
    void nothingOutsideABackendNamesABackendsClasses() {
        noClasses().that().resideOutsideOfPackages(BACKEND_IMPLEMENTATIONS)
                .should().dependOnClassesThat().resideInAnyPackage(BACKEND_IMPLEMENTATIONS)
                .because("backends are found through ServiceLoader only").check(classes);
    }

    @Test
    void backendsDoNotNameEachOther() {
        noClasses().that().resideInAnyPackage("org.backprop4j.backend.pure..", "org.backprop4j.backend.naive..",
                "org.backprop4j.backend.array..")
                .should().dependOnClassesThat().resideInAnyPackage("org.backprop4j.backend.ejml..",
                        "org.backprop4j.backend.nd4j..")
                .check(classes);
        noClasses().that().resideInAPackage("org.backprop4j.backend.ejml..")
                .should().dependOnClassesThat().resideInAnyPackage("org.backprop4j.backend.pure..",
                        "org.backprop4j.backend.naive..", "org.backprop4j.backend.array..",
                        "org.backprop4j.backend.nd4j..")
                .check(classes);
        noClasses().that().resideInAPackage("org.backprop4j.backend.nd4j..")
                .should().dependOnClassesThat().resideInAnyPackage("org.backprop4j.backend.pure..",
                        "org.backprop4j.backend.naive..", "org.backprop4j.backend.array..",
                        "org.backprop4j.backend.ejml..")
                .check(classes);
    }

    @Test
    void backendsDoNotNameTheUpperModules() {
        noClasses().that().resideInAnyPackage(BACKEND_IMPLEMENTATIONS)
                .should().dependOnClassesThat().resideInAnyPackage(UPPER_MODULES).check(classes);
    }

    @Test
    void theApiNeedsNothingButTheJdk() {
        ArchRuleDefinition.classes().that().resideInAnyPackage(API)
                .should().onlyDependOnClassesThat().resideInAnyPackage(
                        "java..", "org.backprop4j.matrix..", "org.backprop4j.tensor..", "org.backprop4j.kernel..",
                        "org.backprop4j.random..",
                        "org.backprop4j.parallel..", "org.backprop4j.backend")
                .check(classes);
    }

    @Test
    void modelsSolverAndDatasetsStayInTheirLane() {
        noClasses().that().resideInAPackage("org.backprop4j.models..")
                .should().dependOnClassesThat()
                .resideInAnyPackage("org.backprop4j.solver..", "org.backprop4j.datasets..",
                        "org.backprop4j.cli..")
                .check(classes);
        noClasses().that().resideInAPackage("org.backprop4j.solver..")
                .should().dependOnClassesThat().resideInAnyPackage("org.backprop4j.datasets..", "org.backprop4j.cli..")
                .check(classes);
        noClasses().that().resideInAPackage("org.backprop4j.datasets..")
                .should().dependOnClassesThat().resideInAnyPackage("org.backprop4j.models..", "org.backprop4j.solver..",
                        "org.backprop4j.cli..")
                .check(classes);
    }

    @Test
    void theFileFormatModulesStayInTheirLane() {
        // the TensorBoard writer knows protobuf and the JDK, nothing of the project
        noClasses().that().resideInAPackage("org.backprop4j.tensorboard..")
                .should().dependOnClassesThat().resideInAnyPackage(API)
                .orShould().dependOnClassesThat().resideInAnyPackage(UPPER_MODULES)
                .orShould().dependOnClassesThat().resideInAnyPackage(BACKEND_IMPLEMENTATIONS).check(classes);
        // the ONNX writer reads a model (api, models), never a backend, the Solver, the data or the CLI
        noClasses().that().resideInAPackage("org.backprop4j.interop..")
                .should().dependOnClassesThat().resideInAnyPackage("org.backprop4j.solver..",
                        "org.backprop4j.datasets..", "org.backprop4j.cli..")
                .orShould().dependOnClassesThat().resideInAnyPackage(BACKEND_IMPLEMENTATIONS).check(classes);
    }

    @Test
    void libraryModulesDoNotUseGuice() {
        noClasses().that().resideOutsideOfPackage("org.backprop4j.cli..")
                .should().dependOnClassesThat().resideInAnyPackage("com.google.inject..", "javax.inject..",
                        "jakarta.inject..")
                .because("a library user needs no DI framework; only the CLI wires with Guice").check(classes);
    }

    @Test
    void onlyTheCliWiringKnowsGuice() {
        noClasses().that().resideInAPackage("org.backprop4j.cli..").and()
                .resideOutsideOfPackage("org.backprop4j.cli.train")
                .should().dependOnClassesThat().resideInAnyPackage("com.google.inject..")
                .because("TrainingModule is the wiring, and what its providers throw leaves it unwrapped: the error "
                        + "path (ErrorReporter) and the commands need not know about Guice")
                .check(classes);
    }

    @Test
    void noPackageCycles() {
        slices().matching("org.backprop4j.(**)").should().beFreeOfCycles().check(classes);
    }
}
