package ai.hanzo.node.storage;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The storage layer may use RocksDB, SLF4J and the JDK only: no other node package, no protobuf. */
class StoragePackageRulesTest {

  @Test
  void storageDependsOnlyOnRocksDbSlf4jAndTheJdk() {
    JavaClasses storage =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("ai.hanzo.node.storage");

    classes()
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("ai.hanzo.node.storage..", "org.rocksdb..", "org.slf4j..", "java..")
        .check(storage);
  }
}
