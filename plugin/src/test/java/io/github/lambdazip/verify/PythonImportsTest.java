package io.github.lambdazip.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.lambdazip.verify.PythonImports.Guard;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The import scanner's view of conditions it can decide for the function's Python, and of try/except blocks. */
class PythonImportsTest {

    private static final PythonConditions.Environment PY312 = new PythonConditions.Environment(12, "x86_64");
    private static final PythonConditions.Environment PY39 = new PythonConditions.Environment(9, "x86_64");

    /** "module:GUARD" for each import the scanner keeps. */
    private static String scan(PythonConditions.Environment environment, String... lines) {
        return PythonImports.scan(String.join("\n", lines) + "\n", environment).stream()
                .map(i -> ".".repeat(i.level()) + i.module() + ":" + i.guard()).collect(Collectors.joining(" "));
    }

    @Test
    void versionInfoComparisons_inEveryCommonForm_decideForTheRuntimesPython() {
        String[] source = {
            "import sys",
            "if sys.version_info >= (3, 8):",
            "    import a_new",
            "else:",
            "    import a_old",
            "if sys.version_info < (3,):",
            "    import StringIO",
            "if sys.version_info[0] == 2:",
            "    import Queue",
            "if sys.version_info[:2] >= (3, 10):",
            "    import b_310",
            "elif sys.version_info[0:2] >= (3, 7):",
            "    import b_37",
            "else:",
            "    import b_old",
            "if sys.version_info.major == 3 and sys.version_info.minor >= 11:",
            "    import tomllib",
            "else:",
            "    import tomli",
            "if sys.version_info > (3, 12, 1):",
            "    import micro",
            "if sys.hexversion >= 0x030c0000:",
            "    import undecided",
        };
        assertEquals("sys:NONE a_new:NONE b_310:NONE tomllib:NONE micro:CONDITIONAL undecided:CONDITIONAL",
                scan(PY312, source));
        assertEquals("sys:NONE a_new:NONE b_37:NONE tomli:NONE undecided:CONDITIONAL", scan(PY39, source));
    }

    @Test
    void aliasesAndModuleConstants_areFollowed() {
        assertEquals("sys:NONE sys:NONE new:NONE py3:NONE mod:NONE", scan(PY312,
                "import sys as _sys",
                "from sys import version_info as V",
                "PY2 = _sys.version_info[0] == 2",
                "PY3 = not PY2",
                "_MIN = (3, 5, 0)",
                "if V >= (3, 9):",
                "    import new",
                "if PY2:",
                "    import py2",
                "elif PY3:",
                "    import py3",
                "def f():",
                "    if _sys.version_info < _MIN:",
                "        import old",
                "    else:",
                "        import mod"));
        assertEquals("six:NONE six:NONE moves:NONE", scan(PY312,
                "import six",
                "from six import PY2",
                "if six.PY2:",
                "    import Queue",
                "if not PY2:",
                "    import moves"));
        assertEquals("x:CONDITIONAL", scan(PY312,
                "FLAG = True",
                "if something():",
                "    FLAG = False",
                "if FLAG:",
                "    import x"), "a name bound twice, once conditionally, is undecided");
    }

    @Test
    void platformChecks_decideForLinux() {
        assertEquals("sys:NONE os:NONE platform:NONE posix:NONE linux:NONE notmac:NONE cpython:NONE", scan(PY312,
                "import sys, os, platform",
                "if sys.platform == 'win32':",
                "    import winreg",
                "if sys.platform.startswith(('win', 'cygwin')):",
                "    import msvcrt",
                "if sys.platform in ('darwin', 'win32'):",
                "    import AppKit",
                "if os.name == \"nt\":",
                "    import nt",
                "else:",
                "    import posix",
                "if platform.system() == 'Linux':",
                "    import linux",
                "if sys.platform != 'darwin':",
                "    import notmac",
                "if hasattr(sys, 'pypy_version_info') or platform.python_implementation() == 'PyPy':",
                "    import __pypy__",
                "else:",
                "    import cpython"));
    }

    @Test
    void typeChecking_underAnyAliasOfTyping_isNeverRun() {
        assertEquals("typing:NONE typing:NONE typing:NONE typing_extensions:NONE runtime:NONE", scan(PY312,
                "import typing",
                "import typing as t",
                "from typing import TYPE_CHECKING as TC",
                "import typing_extensions",
                "if typing.TYPE_CHECKING:",
                "    import a",
                "if t.TYPE_CHECKING:",
                "    import b",
                "if TC:",
                "    import c",
                "if typing_extensions.TYPE_CHECKING:",
                "    import d",
                "if TYPE_CHECKING:",
                "    import e",
                "if not TC:",
                "    import runtime",
                "if __name__ == '__main__':",
                "    import dotenv"));
    }

    @Test
    void tryExceptBlocks_markGuardedAndFallbackImports_otherHandlersAreConditional() {
        List<PythonImports.Import> imports = PythonImports.scan(String.join("\n",
                "try:",
                "    import ujson as json",
                "except ImportError:",
                "    import json",
                "try:",
                "    from collections import OrderedDict",
                "except AttributeError:",
                "    from ordered_dict import OrderedDict",
                "try:",
                "    import a",
                "except (ModuleNotFoundError, OSError):",
                "    try:",
                "        import b",
                "    except ImportError:",
                "        import c",
                "else:",
                "    import d",
                "with contextlib.suppress(ImportError):",
                "    import e",
                "if not have_c(): raise ImportError('needs c')",
                "import f",
                ""), PY312);
        assertEquals(List.of("ujson:GUARDED", "json:FALLBACK", "collections:NONE", "ordered_dict:CONDITIONAL",
                "a:GUARDED", "b:GUARDED", "c:FALLBACK", "d:GUARDED", "e:GUARDED", "f:CONDITIONAL"),
                imports.stream().map(i -> i.module() + ":" + i.guard()).toList());
        // b is guarded by the inner try and runs only when a failed; c runs only when both failed.
        assertEquals(List.of(2), imports.get(5).fallbackFor());
        assertEquals(List.of(3), imports.get(5).tries());
        assertEquals(List.of(3, 2), imports.get(6).fallbackFor());
        assertEquals(Guard.FALLBACK, imports.get(1).guard());
    }

    @Test
    void oneLineBlocksAndContinuations_areReadAsBlocks() {
        assertEquals("sys:NONE new:NONE", scan(PY312,
                "import sys",
                "if sys.version_info < (3, 8): import old",
                "else: import new",
                "if (sys.version_info[0] == 2 and",
                "        sys.platform == 'win32'):",
                "    import legacy"));
    }
}
