package io.github.lambdazip.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import org.junit.jupiter.api.Test;

class PythonJsonTest {

    @Test
    void dumps_writesWhatPythonsJsonDumpsWritesWithSortedKeys() throws Exception {
        var value = new TomlMapper().readTree("""
                z = "last"
                a = ["x", 1, true, 2.5, 3.0]
                quote = "say \\"hi\\"\\\\ \\t é ☃ 𝄞"
                [nested]
                b = {}
                a = []
                """);
        // python3 -c 'import json,tomllib;print(json.dumps(tomllib.loads(open("f").read()), sort_keys=True))'
        assertEquals("{\"a\": [\"x\", 1, true, 2.5, 3.0], \"nested\": {\"a\": [], \"b\": {}}, "
                + "\"quote\": \"say \\\"hi\\\"\\\\ \\t \\u00e9 \\u2603 \\ud834\\udd1e\", \"z\": \"last\"}",
                PythonJson.dumps(value));
    }
}
