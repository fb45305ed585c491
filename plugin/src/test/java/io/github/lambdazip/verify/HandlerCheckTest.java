package io.github.lambdazip.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class HandlerCheckTest {

    /** Package contents held in memory. */
    static final class Contents implements PackageContents {
        final Map<String, String> files = new TreeMap<>();

        Contents with(String name, String text) {
            files.put(name, text);
            return this;
        }

        @Override
        public Collection<String> names() {
            return files.keySet();
        }

        @Override
        public boolean contains(String name) {
            return files.containsKey(name);
        }

        @Override
        public long size(String name) {
            return files.get(name).length();
        }

        @Override
        public byte[] read(String name) {
            return files.get(name).getBytes(StandardCharsets.UTF_8);
        }
    }

    private List<Finding> check(String handler, Contents contents) throws Exception {
        return new HandlerCheck().check(handler, contents);
    }

    /** The findings about where the handler is; placeholder bodies in these fixtures are another test's subject. */
    private List<Finding> located(String handler, Contents contents) throws Exception {
        return check(handler, contents).stream().filter(f -> f.rule() != Rule.HANDLER_PLACEHOLDER).toList();
    }

    @Test
    void moduleAtRoot_definingTheFunction_passes() throws Exception {
        assertEquals(List.of(), located("app.handler", new Contents().with("app.py", "def handler(event, context):\n    return 1\n")));
        assertEquals(List.of(), located("notifier.notification_handler.lambda_handler", new Contents()
                .with("notifier/notification_handler.py", "import json\n\nasync def lambda_handler(e, c):\n    pass\n")));
        assertEquals(List.of(), located("svc.handler", new Contents().with("svc/__init__.py", "from .impl import handler\n")));
        assertEquals(List.of(), located("index.handler", new Contents().with("index.py", "from mangum import Mangum\nhandler = Mangum(app)\n")));
        assertEquals(List.of(), located("index.handler", new Contents().with("index.py", "from x import (\n    other,\n    make as handler,\n)\n")));
        assertEquals(List.of(), located("index.Handler", new Contents().with("index.py", "class Handler:\n    pass\n")));
        assertEquals(List.of(), located("path/to/mod.fn", new Contents().with("path/to/mod.py", "fn: Callable = make()\n")));
    }

    @Test
    void moduleOneFolderDown_saysWhereItIsAndGivesBothFixes() throws Exception {
        List<Finding> findings = check("notifier.notification_handler.lambda_handler", new Contents()
                .with("lambda/notifier/notification_handler.py", "def lambda_handler(e, c): pass\n")
                .with("lambda/prediction_engine/model.py", ""));
        assertEquals(1, findings.size());
        Finding finding = findings.get(0);
        assertEquals(Rule.HANDLER_MODULE_MISSING, finding.rule());
        assertEquals(Severity.ERROR, finding.severity());
        assertEquals("lambda/notifier/notification_handler.py", finding.file());
        assertTrue(finding.message().contains("No module named 'notifier'"), finding.message());
        assertTrue(finding.message().contains("under the folder 'lambda/'"), finding.message());
        assertTrue(finding.fix().contains("<sources><source>lambda</source></sources>"), finding.fix());
        assertTrue(finding.fix().contains("<handler>lambda.notifier.notification_handler.lambda_handler</handler>"), finding.fix());
    }

    @Test
    void missingModule_isAnError() throws Exception {
        List<Finding> findings = check("app.handler", new Contents().with("main.py", "def handler(e, c): pass\n"));
        assertEquals(Rule.HANDLER_MODULE_MISSING, findings.get(0).rule());
        assertEquals("app.py", findings.get(0).file());
    }

    @Test
    void missingFunction_isAnError_unlessTheModuleIsDynamic() throws Exception {
        List<Finding> plain = check("app.handler", new Contents().with("app.py",
                "\"\"\"Docs.\n\ndef handler(e, c): inside a docstring\n\"\"\"\ndef other(e, c):\n    def handler():\n        pass\n"));
        assertEquals(1, plain.size());
        assertEquals(Rule.HANDLER_FUNCTION_MISSING, plain.get(0).rule());
        assertEquals(Severity.ERROR, plain.get(0).severity());
        assertTrue(plain.get(0).fix().contains("def handler(event, context)"));

        List<Finding> dynamic = check("app.handler", new Contents().with("app.py",
                "try:\n    from fast import handler\nexcept ImportError:\n    from slow import handler\n"));
        assertEquals(Severity.WARNING, dynamic.get(0).severity());

        List<Finding> star = check("app.handler", new Contents().with("app.py", "from impl import *\n"));
        assertEquals(Severity.WARNING, star.get(0).severity());
    }

    @Test
    void badHandlerStrings_areFormatErrors() throws Exception {
        for (String handler : List.of("handler", "app.", ".handler", "app.handler()", "my-app.handler", "app..handler")) {
            List<Finding> findings = check(handler, new Contents().with("app.py", "def handler(e, c): pass\n"));
            assertEquals(Rule.HANDLER_FORMAT, findings.get(0).rule(), handler);
        }
    }

    private static List<Finding> placeholders(boolean failOnWarning, String source) throws Exception {
        return new HandlerCheck(failOnWarning).check("app.handler", new Contents().with("app.py", source)).stream()
                .filter(f -> f.rule() == Rule.HANDLER_PLACEHOLDER).toList();
    }

    @Test
    void handlerThatDoesNothingReal_isAPlaceholderWarning_withItsLine() throws Exception {
        List<String> bodies = List.of(
                "def handler(event, context):\n    pass\n",
                "def handler(event, context): ...\n",
                "def handler(event, context):\n    \"\"\"Handles the order queue.\"\"\"\n",
                "def handler(event, context):\n    '''Docs.'''\n    return None\n",
                "async def handler(event, context):\n    return\n",
                "def handler(event, context):\n    raise NotImplementedError('later')\n",
                "def handler(event, context):\n    return 'ok'\n",
                "def handler(event, context):\n    # placeholder handler to allow packaging\n    return 0\n",
                // The Lambda console's default function.
                "import json\n\ndef handler(event, context):\n    # TODO implement\n    return {\n        'statusCode': 200,\n"
                        + "        'body': json.dumps('Hello from Lambda!')\n    }\n");
        for (String body : bodies) {
            List<Finding> findings = placeholders(false, "import os\n\n" + body);
            assertEquals(1, findings.size(), body);
            assertEquals(Severity.WARNING, findings.get(0).severity(), body);
            int line = body.startsWith("import json") ? 5 : 3;
            assertEquals(line, findings.get(0).line(), body);
            assertTrue(findings.get(0).message().contains("handler() does nothing real"), findings.get(0).message());
        }
        assertEquals(Severity.ERROR, placeholders(true, "def handler(event, context):\n    pass\n").get(0).severity(),
                "failOnWarning makes it an error");
    }

    @Test
    void handlerThatDoesWork_orMightBeMeant_isNoPlaceholder() throws Exception {
        List<String> sources = List.of(
                "def handler(event, context):\n    print(event)\n    return None\n",
                "def handler(event, context):\n    return process(event)\n",
                "def handler(event, context):\n    return {'statusCode': 200, 'body': json.dumps({'table': TABLE})}\n",
                "def handler(event, context):\n    return {'statusCode': 200}\n",
                "def handler(event, context):\n    if event:\n        pass\n",
                "@logger.inject_lambda_context\ndef handler(event, context):\n    pass\n",
                "def handler(event, context):\n    pass\n\nhandler = Mangum(app)\n",
                "# TODO: more tests\ndef helper():\n    pass\n\ndef handler(event, context):\n    return helper()\n");
        for (String source : sources) {
            assertEquals(List.of(), placeholders(false, source), source);
        }
    }

    @Test
    void sizeLimits_unzippedFailsZippedWarns() {
        SizeCheck sizes = new SizeCheck();
        assertEquals(List.of(), sizes.checkUnzipped(SizeCheck.MAX_UNZIPPED));
        assertEquals(Rule.SIZE_UNZIPPED, sizes.checkUnzipped(SizeCheck.MAX_UNZIPPED + 1).get(0).rule());
        assertEquals(List.of(), sizes.checkZipped(SizeCheck.MAX_DIRECT_UPLOAD));
        Finding zipped = sizes.checkZipped(SizeCheck.MAX_DIRECT_UPLOAD + 1).get(0);
        assertEquals(Severity.WARNING, zipped.severity());
    }
}
