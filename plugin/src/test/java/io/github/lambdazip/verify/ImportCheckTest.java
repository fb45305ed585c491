package io.github.lambdazip.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lambdazip.common.Architecture;
import io.github.lambdazip.common.PythonRuntime;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportCheckTest {

    @TempDir
    Path dir;

    private List<Finding> check(PythonRuntime runtime, String handler, ZipFixture zip, Set<String> provided,
            ZipFixture... layers) throws Exception {
        try (ZipContents contents = ZipContents.open(zip.write(dir.resolve("f" + System.nanoTime() + ".zip")))) {
            List<PackageContents> layerContents = new java.util.ArrayList<>();
            for (ZipFixture layer : layers) {
                layerContents.add(ZipContents.open(layer.write(dir.resolve("l" + System.nanoTime() + ".zip"))));
            }
            return new ImportCheck(new VerificationTarget(runtime, Architecture.X86_64), provided)
                    .check(handler, contents, layerContents);
        }
    }

    @Test
    void importsOfTheZipStdlibRuntimeAndLayers_resolve() throws Exception {
        ZipFixture zip = new ZipFixture()
                .text("app.py", String.join("\n",
                        "import json, os.path",
                        "import boto3",
                        "from botocore.exceptions import ClientError",
                        "from service import handlers",
                        "from service.models import Order as O",
                        "import requests",
                        "import db_helpers.connection",
                        "from typing import TYPE_CHECKING",
                        "if TYPE_CHECKING:",
                        "    import mypy_boto3_s3",
                        "def handler(event, context):",
                        "    import tomllib",
                        "    return handlers.run(event)",
                        ""))
                .text("service/__init__.py", "from .models import Order\nfrom . import handlers\n")
                .text("service/models.py", "import dataclasses\n\nclass Order: pass\n")
                .text("service/handlers.py", "from .models import Order\nfrom ..service import models\n\ndef run(e):\n    return Order()\n")
                .text("requests/__init__.py", "import charset_normalizer_not_checked\n")
                .text("requests-2.32.3.dist-info/RECORD", "requests/__init__.py,sha256=x,1\n");
        ZipFixture layer = new ZipFixture().text("python/db_helpers/connection.py", "");
        assertEquals(List.of(), check(PythonRuntime.PYTHON_3_12, "app.handler", zip, Set.of(), layer));
    }

    @Test
    void missingDependency_isAnErrorWithTheLine_guardedOneAWarning() throws Exception {
        ZipFixture zip = new ZipFixture()
                .text("app.py", "import json\nfrom helpers import util\n\ndef handler(e, c):\n    return util.go()\n")
                .text("helpers/__init__.py", "")
                .text("helpers/util.py", String.join("\n",
                        "import pydantic",
                        "try:",
                        "    import ujson as fastjson",
                        "except ImportError:",
                        "    import json as fastjson",
                        "def go():",
                        "    return 1",
                        ""));
        List<Finding> findings = check(PythonRuntime.PYTHON_3_12, "app.handler", zip, Set.of());
        assertEquals(2, findings.size(), findings.toString());
        Finding error = findings.get(0);
        assertEquals(Rule.IMPORT_UNRESOLVED, error.rule());
        assertEquals(Severity.ERROR, error.severity());
        assertEquals("helpers/util.py", error.file());
        assertEquals(1, error.line());
        assertTrue(error.message().contains("No module named 'pydantic'"), error.message());
        assertEquals(Severity.WARNING, findings.get(1).severity());
        assertEquals(3, findings.get(1).line());

        assertEquals(1, check(PythonRuntime.PYTHON_3_12, "app.handler", zip, Set.of("pydantic")).size(),
                "providedModules silences what layers built elsewhere provide");
    }

    @Test
    void modulesRemovedFromNewerPythons_areUnresolvedThere() throws Exception {
        ZipFixture zip = new ZipFixture().text("app.py", "import imp\nimport cgi\n\ndef handler(e, c):\n    pass\n");
        assertEquals(List.of(), check(PythonRuntime.PYTHON_3_11, "app.handler", zip, Set.of()));
        assertEquals(1, check(PythonRuntime.PYTHON_3_12, "app.handler", zip, Set.of()).size());
        assertEquals(2, check(PythonRuntime.PYTHON_3_13, "app.handler", zip, Set.of()).size());
    }

    @Test
    void ownSubmoduleThatIsNotThere_isUnresolved() throws Exception {
        ZipFixture zip = new ZipFixture()
                .text("app.py", "import service.missing\nfrom .sibling import x\n\ndef handler(e, c):\n    pass\n")
                .text("service/__init__.py", "");
        List<Finding> findings = check(PythonRuntime.PYTHON_3_12, "app.handler", zip, Set.of());
        assertEquals(2, findings.size(), findings.toString());
        assertTrue(findings.get(0).message().contains("service.missing"));
    }

    @Test
    void stringsAndCommentsAreNotImports() {
        List<PythonImports.Import> imports = PythonImports.scan(String.join("\n",
                "\"\"\"Docs mentioning",
                "import fake_module",
                "\"\"\"",
                "x = 'import also_fake'  # import nope",
                "from a import (b,",
                "    c as d)",
                "import e; import f",
                ""));
        assertEquals(List.of("a", "e", "f"), imports.stream().map(PythonImports.Import::module).toList());
        assertEquals(List.of("b", "c"), imports.get(0).names());
        assertEquals(5, imports.get(0).line());
    }
}
