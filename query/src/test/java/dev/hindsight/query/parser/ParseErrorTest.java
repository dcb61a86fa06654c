package dev.hindsight.query.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.hindsight.query.QueryException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Malformed queries fail with Prometheus-like messages, at the right place. */
class ParseErrorTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\u0000', textBlock = """
            some_metric{a=b}      | 14 | 1:15: parse error: unexpected identifier "b" in label matching, expected string
            foo{a=1}              | 6  | 1:7: parse error: unexpected character inside braces: '1'
            foo{a:b="b"}          | 5  | 1:6: parse error: unexpected character inside braces: ':'
            foo{__name__ == "b"}  | 14 | 1:15: parse error: unexpected "=" in label matching, expected string
            foo{,}                | 4  | 1:5: parse error: unexpected "," in label matching, expected identifier or "}"
            some}                 | 4  | 1:5: parse error: unexpected character: '}'
            2.5.                  | 0  | 1:1: parse error: bad number or duration syntax: "2.5."
            foo[5mm]              | 4  | 1:5: parse error: bad number or duration syntax: "5mm"
            foo[0m]               | 4  | 1:5: parse error: duration must be greater than 0
            1 =~ 1                | 2  | 1:3: parse error: unexpected character after '=': '~'
            @@                    | 0  | 1:1: parse error: unexpected <op:@>
            sum some_metric by (test) | 4 | 1:5: parse error: unexpected identifier "some_metric"
            sum (x) without (a) by (b) | 20 | 1:21: parse error: unexpected <by>
            sum without(==)(x)    | 12 | 1:13: parse error: unexpected <op:==> in grouping opts, expected label
            a - on(b) ignoring(c) d | 10 | 1:11: parse error: unexpected <ignoring>
            "\\x."                | 0  | 1:1: parse error: illegal character U+002E '.' in escape sequence
            `\\``                 | 3  | 1:4: parse error: unterminated raw string
            1e400                 | 0  | 1:1: parse error: error parsing number: strconv.ParseFloat: parsing "1e400": value out of range
            foo{a}                | 5  | 1:6: parse error: unexpected "}" in label matching, expected label matching operator
            foo{a="b" c="d"}      | 10 | 1:11: parse error: unexpected identifier "c" in label matching, expected "," or "}"
            foo{=                 | 4  | 1:5: parse error: unexpected "=" in label matching, expected identifier or "}"
            foo{a="b"             | 9  | 1:10: parse error: unexpected end of input inside braces
            sum(foo               | 7  | 1:8: parse error: unclosed left parenthesis
            (1))                  | 4  | 1:5: parse error: unexpected right parenthesis ')'
            foo[5m                | 6  | 1:7: parse error: unclosed left bracket
            foo[abc]              | 4  | 1:5: parse error: unexpected identifier "abc" in subquery selector, expected number or duration
            foo offset            | 10 | 1:11: parse error: unexpected end of input in offset, expected number or duration
            sum by foo (bar)      | 7  | 1:8: parse error: unexpected identifier "foo" in grouping opts, expected "("
            sum by (a b) (foo)    | 10 | 1:11: parse error: unexpected identifier "b" in grouping opts, expected "," or ")"
            rate(foo[5m],)        | 12 | 1:13: parse error: trailing commas not allowed in function call args
            1 +                   | 3  | 1:4: parse error: unexpected end of input
            $foo                  | 0  | 1:1: parse error: unexpected character: '$'
            "abc                  | 0  | 1:1: parse error: unterminated quoted string
            foo{a="\\z"}          | 6  | 1:7: parse error: unknown escape sequence U+007A 'z'
            foo[5m3h]             | 4  | 1:5: parse error: not a valid duration string: "5m3h"
            unknown_fn(foo)       | 0  | 1:1: parse error: unknown function with name "unknown_fn"
            1 + * 2               | 4  | 1:5: parse error: unexpected <op:*>
            {}                    | 0  | 1:1: parse error: vector selector must contain at least one non-empty matcher
            foo{a=~".*"}[5m:] x   | 18 | 1:19: parse error: unexpected identifier "x"
            """)
    void syntaxErrors(String query, int offset, String message) {
        QueryException e = fail(query);
        assertThat(e.getMessage()).isEqualTo(message);
        assertThat(e.position().start()).isEqualTo(offset);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\u0000', textBlock = """
            rate(foo)                  | 5  | 1:6: parse error: expected type range vector in call to function "rate", got instant vector
            sum(foo[5m])               | 4  | 1:5: parse error: expected type instant vector in aggregation expression, got range vector
            count_values(1, foo)       | 13 | 1:14: parse error: expected type string in aggregation parameter, got scalar
            topk(foo)                  | 0  | 1:1: parse error: wrong number of arguments for aggregate expression provided, expected 2, got 1
            1 == 2                     | 2  | 1:3: parse error: comparisons between scalars must use BOOL modifier
            foo + bool bar             | 4  | 1:5: parse error: bool modifier can only be used on comparison operators
            1 and foo                  | 0  | 1:1: parse error: set operator "and" not allowed in binary scalar expression
            foo and on(a) group_left bar | 0 | 1:1: parse error: no grouping allowed for "and" operation
            foo * on(a) group_left(a) bar | 4 | 1:5: parse error: label "a" must not occur in ON and GROUP clause at once
            foo[5m] + 1                | 0  | 1:1: parse error: binary expression must contain only scalar and instant vector types
            -"a"                       | 0  | 1:1: parse error: unary expression only allowed on expressions of type scalar or instant vector, got "string"
            round(foo, 1, 2)           | 0  | 1:1: parse error: expected at most 2 argument(s) in call to "round", got 3
            label_join(foo, "a")       | 0  | 1:1: parse error: expected at least 3 argument(s) in call to "label_join", got 2
            x{__name__="y"}            | 0  | 1:1: parse error: metric name must not be set twice: "x" or "y"
            foo offset 1m offset 2m    | 0  | 1:1: parse error: offset may not be set multiple times
            (foo) @ 10                 | 0  | 1:1: parse error: @ modifier must be preceded by an instant vector selector or range vector selector or a subquery
            foo @ Inf                  | 0  | 1:1: parse error: timestamp out of bounds for @ modifier: +Inf
            foo @ 1 @ 2                | 0  | 1:1: parse error: @ <timestamp> may not be set multiple times
            foo @ bar                  | 6  | 1:7: parse error: unexpected identifier "bar" in @, expected timestamp
            foo offset 1m [5m]         | 14 | 1:15: parse error: no offset modifiers allowed before range
            (foo)[5m]                  | 5  | 1:6: parse error: ranges only allowed for vector selectors
            foo[5m][10m:]              | 0  | 1:1: parse error: subquery is only allowed on instant vector, got matrix instead
            label_replace(foo, "", "", "a", "")  | 19 | 1:20: parse error: invalid destination label name in label_replace(): 
            """)
    void typeErrors(String query, int offset, String message) {
        QueryException e = fail(query);
        assertThat(e.getMessage().stripTrailing()).isEqualTo(message);
        assertThat(e.position().start()).isEqualTo(offset);
    }

    @org.junit.jupiter.api.Test
    void errorCarriesQueryAndCaret() {
        String q = "sum(rate(foo{job=}[5m]))";
        QueryException e = fail(q);
        assertThat(e.query()).isEqualTo(q);
        assertThat(e.kind()).isEqualTo(QueryException.Kind.BAD_DATA);
        assertThat(e.getMessage()).isEqualTo("1:18: parse error: unexpected \"}\" in label matching, expected string");
        assertThat(e.position().caret(q)).isEqualTo(q + "\n" + " ".repeat(17) + "^");
    }

    @org.junit.jupiter.api.Test
    void emptyQuery() {
        assertThat(fail("  # nothing").getMessage()).isEqualTo("1:1: parse error: no expression found in input");
    }

    @org.junit.jupiter.api.Test
    void multiLinePositions() {
        QueryException e = fail("sum(\n  foo{a=b}\n)");
        assertThat(e.getMessage()).startsWith("2:9: parse error: unexpected identifier \"b\"");
    }

    private static QueryException fail(String query) {
        QueryException e = catchThrowableOfType(QueryException.class, () -> QueryParser.parse(query));
        assertThat(e).as("parse of %s should fail", query).isNotNull();
        return e;
    }
}
