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

    private List<Finding> check(VerifySettings settings, ZipFixture zip) throws Exception {
        try (ZipContents contents = ZipContents.open(zip.write(dir.resolve("s" + System.nanoTime() + ".zip")))) {
            return new ImportCheck(new VerificationTarget(PythonRuntime.PYTHON_3_12, Architecture.X86_64), settings)
                    .check("app.handler", contents, List.of());
        }
    }

    private static String summary(List<Finding> findings) {
        return String.join(" ", findings.stream().map(f -> f.severity() + ":" + f.file() + ":" + f.line()).toList());
    }

    @Test
    void fallbackOfAGuardedImport_isNothingWhenTheTrySideResolves_andAWarningAtMostOtherwise() throws Exception {
        ZipFixture zip = new ZipFixture().text("app.py", String.join("\n",
                "try:",
                "    import threading",
                "except ImportError:",
                "    import dummy_threading as threading",
                "try:",
                "    import simplejson as json",
                "except ImportError:",
                "    import json_missing_too as json",
                "def handler(event, context):",
                "    return threading",
                ""));
        List<Finding> findings = check(VerifySettings.of(Set.of()), zip);
        assertEquals("WARNING:app.py:6 WARNING:app.py:8", summary(findings));
        assertTrue(findings.get(1).message().contains("fallback"), findings.get(1).message());
    }

    @Test
    void moduleReachedOnlyThroughAGuardedImport_isFollowedLeniently_butStrictWhenAlsoReachedPlainly() throws Exception {
        ZipFixture zip = new ZipFixture()
                .text("app.py", "try:\n    from service import optional\nexcept ImportError:\n    optional = None\n"
                        + "from service import core\n\ndef handler(event, context):\n    return core\n")
                .text("service/__init__.py", "")
                .text("service/optional.py", "import OpenSSL\nimport gunicorn\n")
                .text("service/core.py", "import missing_for_sure\n");
        List<Finding> findings = check(VerifySettings.of(Set.of()), zip);
        assertEquals("ERROR:service/core.py:1 WARNING:service/optional.py:1 WARNING:service/optional.py:2",
                summary(findings));
        assertTrue(findings.get(1).message().contains("reached only through a guarded or conditional import"),
                findings.get(1).message());
    }

    @Test
    void importsUnderConditionsItCannotDecide_areWarnings_andDeadBranchesAreSkipped() throws Exception {
        ZipFixture zip = new ZipFixture().text("app.py", String.join("\n",
                "import os, sys",
                "if os.environ.get('LOCAL'):",
                "    import dotenv",
                "if sys.version_info < (3, 8):",
                "    import importlib_metadata",
                "if sys.platform == 'win32':",
                "    import winreg_helpers",
                "if __name__ == '__main__':",
                "    import argparse_extras",
                "def handler(event, context):",
                "    return 1",
                ""));
        List<Finding> findings = check(VerifySettings.of(Set.of()), zip);
        assertEquals("WARNING:app.py:3", summary(findings));
        assertTrue(findings.get(0).message().contains("under a condition this check cannot decide"), findings.get(0).message());
    }

    @Test
    void virtualModules_builtInAndConfigured_resolveWithoutAFile() throws Exception {
        ZipFixture zip = new ZipFixture()
                .text("app.py", "from six.moves import urllib\nfrom vendored.packages.six.moves import http_client\n"
                        + "from requests.packages.urllib3.util.retry import Retry\nimport acme.generated.api\n"
                        + "def handler(event, context):\n    return 1\n")
                .text("six.py", "")
                .text("vendored/__init__.py", "")
                .text("vendored/packages/__init__.py", "")
                .text("vendored/packages/six.py", "")
                .text("requests/__init__.py", "")
                .text("requests/packages.py", "")
                .text("acme/__init__.py", "");
        List<Finding> plain = check(VerifySettings.of(Set.of()), zip);
        assertEquals("ERROR:app.py:4", summary(plain));
        assertTrue(plain.get(0).message().contains("acme.generated.api"), plain.get(0).message());
        assertTrue(plain.get(0).fix().contains("<virtualModules>"), plain.get(0).fix());
        assertEquals(List.of(), check(new VerifySettings(Set.of(), Set.of("acme.generated"), false), zip));
        assertEquals(List.of(), check(new VerifySettings(Set.of(), Set.of("*.generated"), false), zip));
    }

    @Test
    void thirdPartyCodeWithoutRecord_isTrusted_whenMetadataNamesIt_orTheHandlersCodeNeverImportsIt() throws Exception {
        ZipFixture zip = new ZipFixture()
                .text("app.py", "import yaml\ntry:\n    import sentry_sdk\nexcept ImportError:\n    sentry_sdk = None\n"
                        + "import mine\ndef handler(event, context):\n    return 1\n")
                .text("yaml/__init__.py", "import yaml_missing_dependency\n")
                .text("PyYAML-6.0.egg-info/top_level.txt", "_yaml\nyaml\n")
                .text("sentry_sdk/__init__.py", "import sentry_missing_dependency\n")
                .text("mine/__init__.py", "import mine_missing_dependency\n");
        List<Finding> findings = check(VerifySettings.of(Set.of()), zip);
        assertEquals("ERROR:mine/__init__.py:1", summary(findings), "the user's own code stays strict");
        ZipFixture byName = new ZipFixture()
                .text("app.py", "import attr\ndef handler(event, context):\n    return 1\n")
                .text("attr/__init__.py", "import attr_missing_dependency\n")
                .text("attr-22.2.0.dist-info/METADATA", "Name: attr\n");
        assertEquals(List.of(), check(VerifySettings.of(Set.of()), byName));
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
