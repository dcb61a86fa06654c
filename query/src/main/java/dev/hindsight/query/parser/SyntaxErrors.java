package dev.hindsight.query.parser;

import dev.hindsight.query.Position;
import dev.hindsight.query.QueryException;
import java.util.List;
import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.InputMismatchException;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.ParseCancellationException;

/**
 * Turns the first syntax error into a {@link QueryException} worded like Prometheus's parser:
 * {@code 1:15: parse error: unexpected "}" in label matching, expected string}. Lexical problems
 * (unbalanced brackets, stray characters, unterminated strings) are found by a scan of the
 * token list and win when they occur at or before the token the parser stumbled on.
 */
final class SyntaxErrors extends DefaultErrorStrategy {

    private final SourceText src;
    private final List<? extends Token> tokens;
    /** Token index of the first lexical problem, or Integer.MAX_VALUE. */
    private int lexicalIndex = Integer.MAX_VALUE;
    private String lexicalMessage;
    /** Where in that token the problem is: characters from its start, or its end. */
    private int lexicalOffset;
    private boolean lexicalAtEnd;

    SyntaxErrors(SourceText src, List<? extends Token> tokens) {
        this.src = src;
        this.tokens = tokens;
        scanLexical();
    }

    // ------------------------------------------------------------------ ANTLR hooks: stop at the first error

    @Override
    public void reportError(Parser recognizer, RecognitionException e) {
        throw error(recognizer, e.getOffendingToken(), e.getCtx() instanceof ParserRuleContext c ? c
                : recognizer.getContext());
    }

    @Override
    public void recover(Parser recognizer, RecognitionException e) {
        throw new ParseCancellationException(e);
    }

    @Override
    public Token recoverInline(Parser recognizer) {
        throw error(recognizer, recognizer.getCurrentToken(), recognizer.getContext());
    }

    @Override
    protected Token singleTokenDeletion(Parser recognizer) {
        return null;
    }

    @Override
    protected boolean singleTokenInsertion(Parser recognizer) {
        return false;
    }

    @Override
    public void sync(Parser recognizer) {
        try {
            super.sync(recognizer);
        } catch (InputMismatchException e) {
            reportError(recognizer, e);
        }
    }

    /** The exception for a parse that ended early, e.g. a parse that stopped before end of input. */
    QueryException lexicalOrNull() {
        return lexicalIndex == Integer.MAX_VALUE ? null : src.error(lexicalPosition(), lexicalMessage);
    }

    // ------------------------------------------------------------------ messages

    QueryException error(Parser recognizer, Token offending, ParserRuleContext ctx) {
        if (offending == null) {
            offending = recognizer.getCurrentToken();
        }
        if (lexicalIndex <= offending.getTokenIndex()) {
            return src.error(lexicalPosition(), lexicalMessage);
        }
        StringBuilder msg = new StringBuilder("unexpected ").append(describe(offending));
        String[] contextAndExpected = contextOf(offending, ctx);
        if (contextAndExpected[0] != null) {
            msg.append(" in ").append(contextAndExpected[0]);
        }
        if (contextAndExpected[1] != null) {
            msg.append(", expected ").append(contextAndExpected[1]);
        }
        return src.error(src.of(offending), msg.toString());
    }

    private String[] contextOf(Token offending, ParserRuleContext ctx) {
        int prev = previousType(offending);
        int prev2 = previousType(previous(offending));
        for (ParserRuleContext c = ctx; c != null; c = c.getParent()) {
            if (c instanceof PromQLParser.LabelMatcherContext || c instanceof PromQLParser.LabelMatchersContext
                    || c instanceof PromQLParser.MatchOpContext) {
                if (isMatchOp(prev)) {
                    return new String[] {"label matching", "string"};
                }
                if (prev == PromQLParser.LEFT_BRACE || prev == PromQLParser.COMMA) {
                    return new String[] {"label matching", "identifier or \"}\""};
                }
                if (prev2 == PromQLParser.LEFT_BRACE || prev2 == PromQLParser.COMMA) {
                    return new String[] {"label matching", "label matching operator"};
                }
                return new String[] {"label matching", "\",\" or \"}\""};
            }
            if (c instanceof PromQLParser.LabelListContext || c instanceof PromQLParser.GroupLabelContext
                    || c instanceof PromQLParser.GroupingContext) {
                if (prev == PromQLParser.LEFT_PAREN || prev == PromQLParser.COMMA) {
                    return new String[] {"grouping opts", "label"};
                }
                if (offending.getType() != PromQLParser.LEFT_PAREN && c.getStart() == offending) {
                    return new String[] {"grouping opts", "\"(\""};
                }
                if (prev == PromQLParser.BY || prev == PromQLParser.WITHOUT || prev == PromQLParser.ON
                        || prev == PromQLParser.IGNORING) {
                    return new String[] {"grouping opts", "\"(\""};
                }
                return new String[] {"grouping opts", "\",\" or \")\""};
            }
            if (c instanceof PromQLParser.AtValueContext || c instanceof PromQLParser.AtExprContext) {
                return new String[] {"@", "timestamp"};
            }
        }
        if (prev == PromQLParser.OFFSET || (prev == PromQLParser.SUB && prev2 == PromQLParser.OFFSET)) {
            return new String[] {"offset", "number or duration"};
        }
        if (prev == PromQLParser.AT) {
            return new String[] {"@", "timestamp"};
        }
        if (prev == PromQLParser.LEFT_BRACKET) {
            return new String[] {"subquery selector", "number or duration"};
        }
        if ((prev == PromQLParser.DURATION || prev == PromQLParser.NUMBER) && prev2 == PromQLParser.LEFT_BRACKET) {
            return new String[] {"subquery or range", "\":\" or \"]\""};
        }
        if (prev == PromQLParser.COLON) {
            return new String[] {"subquery selector", "number or duration or \"]\""};
        }
        if ((prev == PromQLParser.DURATION || prev == PromQLParser.NUMBER) && prev2 == PromQLParser.COLON) {
            return new String[] {"subquery selector", "\"]\""};
        }
        return new String[] {null, null};
    }

    private static boolean isMatchOp(int type) {
        return type == PromQLParser.EQ || type == PromQLParser.NEQ || type == PromQLParser.EQ_REGEX
                || type == PromQLParser.NEQ_REGEX;
    }

    private static boolean isAggregateOp(int type) {
        return switch (type) {
            case PromQLParser.SUM, PromQLParser.AVG, PromQLParser.COUNT, PromQLParser.MIN, PromQLParser.MAX,
                    PromQLParser.GROUP, PromQLParser.STDDEV, PromQLParser.STDVAR, PromQLParser.TOPK,
                    PromQLParser.BOTTOMK, PromQLParser.COUNT_VALUES, PromQLParser.QUANTILE, PromQLParser.LIMITK,
                    PromQLParser.LIMIT_RATIO -> true;
            default -> false;
        };
    }

    private Token previous(Token t) {
        if (t == null) {
            return null;
        }
        for (int i = t.getTokenIndex() - 1; i >= 0; i--) {
            Token p = tokens.get(i);
            if (p.getChannel() == Token.DEFAULT_CHANNEL) {
                return p;
            }
        }
        return null;
    }

    private int previousType(Token t) {
        Token p = previous(t);
        return p == null ? Token.INVALID_TYPE : p.getType();
    }

    /** How Prometheus names a token in "unexpected ..." messages. */
    static String describe(Token t) {
        String text = t.getText();
        return switch (t.getType()) {
            case Token.EOF -> "end of input";
            case PromQLParser.IDENTIFIER -> "identifier " + dev.hindsight.query.ast.Printer.quote(text);
            case PromQLParser.METRIC_IDENTIFIER -> "metric identifier " + dev.hindsight.query.ast.Printer.quote(text);
            case PromQLParser.NUMBER, PromQLParser.INF, PromQLParser.NAN -> "number " + goQuote(text);
            case PromQLParser.DURATION -> "duration " + goQuote(text);
            case PromQLParser.STRING -> "string " + goQuote(text);
            case PromQLParser.ADD, PromQLParser.SUB, PromQLParser.MUL, PromQLParser.DIV, PromQLParser.MOD,
                    PromQLParser.POW, PromQLParser.EQLC, PromQLParser.NEQ, PromQLParser.GTR, PromQLParser.LSS,
                    PromQLParser.GTE, PromQLParser.LTE, PromQLParser.AND, PromQLParser.OR, PromQLParser.UNLESS,
                    PromQLParser.ATAN2, PromQLParser.EQ_REGEX, PromQLParser.NEQ_REGEX, PromQLParser.AT ->
                    "<op:" + text + ">";
            case PromQLParser.OFFSET, PromQLParser.BY, PromQLParser.WITHOUT, PromQLParser.ON, PromQLParser.IGNORING,
                    PromQLParser.GROUP_LEFT, PromQLParser.GROUP_RIGHT, PromQLParser.BOOL, PromQLParser.START,
                    PromQLParser.END -> "<" + text + ">";
            default -> isAggregateOp(t.getType()) ? "<aggr:" + text + ">" : goQuote(text);
        };
    }

    /** Go's {@code %.10q}-like quoting: long texts are cut to 10 characters and marked with "...". */
    private static String goQuote(String s) {
        if (s.codePointCount(0, s.length()) > 10) {
            return dev.hindsight.query.ast.Printer.quote(s.substring(0, s.offsetByCodePoints(0, 10))) + "...";
        }
        return dev.hindsight.query.ast.Printer.quote(s);
    }

    // ------------------------------------------------------------------ lexical scan

    private Position lexicalPosition() {
        Position p = src.of(tokens.get(lexicalIndex));
        if (lexicalAtEnd) {
            return new Position(p.end(), p.end());
        }
        return new Position(Math.min(p.start() + lexicalOffset, p.end()), p.end());
    }

    private void lexical(int index, String message) {
        if (lexicalIndex == Integer.MAX_VALUE) {
            lexicalIndex = index;
            lexicalMessage = message;
        }
    }

    /** Mirrors the checks of Prometheus's lexer, which runs ahead of its parser. */
    private void scanLexical() {
        int parenDepth = 0;
        boolean bracketOpen = false;
        boolean braceOpen = false;
        for (Token t : tokens) {
            if (lexicalIndex != Integer.MAX_VALUE) {
                return;
            }
            if (t.getChannel() != Token.DEFAULT_CHANNEL) {
                continue;
            }
            int i = t.getTokenIndex();
            int type = t.getType();
            if (type == PromQLParser.UNTERMINATED_STRING) {
                lexical(i, t.getText().startsWith("`") ? "unterminated raw string" : "unterminated quoted string");
            } else if (braceOpen) {
                braceOpen = scanInsideBraces(t);
            } else if (type == PromQLParser.BAD_NUMBER) {
                lexical(i, "bad number or duration syntax: \"" + t.getText() + "\"");
            } else {
                switch (type) {
                    case PromQLParser.ERROR_CHAR, PromQLParser.RIGHT_BRACE ->
                            lexical(i, "unexpected character: " + goRune(t.getText().codePointAt(0)));
                    case PromQLParser.EQ_REGEX -> lexical(i, "unexpected character after '=': '~'");
                    case PromQLParser.NEQ_REGEX -> lexical(i, "unexpected character after '!': '~'");
                    case PromQLParser.LEFT_PAREN -> parenDepth++;
                    case PromQLParser.RIGHT_PAREN -> {
                        if (--parenDepth < 0) {
                            lexical(i, "unexpected right parenthesis ')'");
                            lexicalAtEnd = true;
                        }
                    }
                    case PromQLParser.LEFT_BRACE -> braceOpen = true;
                    case PromQLParser.LEFT_BRACKET -> {
                        if (bracketOpen) {
                            lexical(i, "unexpected left bracket '['");
                        }
                        bracketOpen = true;
                    }
                    case PromQLParser.RIGHT_BRACKET -> {
                        if (!bracketOpen) {
                            lexical(i, "unexpected right bracket ']'");
                        }
                        bracketOpen = false;
                    }
                    case Token.EOF -> {
                        if (parenDepth > 0) {
                            lexical(i, "unclosed left parenthesis");
                        } else if (bracketOpen) {
                            lexical(i, "unclosed left bracket");
                        }
                    }
                    default -> {
                    }
                }
            }
        }
    }

    /** Inside braces Prometheus lexes only names, strings, commas and matching operators; returns whether still inside. */
    private boolean scanInsideBraces(Token t) {
        int i = t.getTokenIndex();
        switch (t.getType()) {
            case PromQLParser.RIGHT_BRACE -> {
                return false;
            }
            case PromQLParser.STRING, PromQLParser.COMMA, PromQLParser.EQ, PromQLParser.NEQ, PromQLParser.EQ_REGEX,
                    PromQLParser.NEQ_REGEX -> {
                return true;
            }
            case PromQLParser.EQLC -> {
                // lexed by Prometheus as two "=", the second of which the parser rejects
                lexical(i, "unexpected \"=\" in label matching, expected string");
                lexicalOffset = 1;
                return true;
            }
            case Token.EOF -> {
                lexical(i, "unexpected end of input inside braces");
                return true;
            }
            case PromQLParser.LEFT_BRACE -> {
                lexical(i, "unexpected left brace '{'");
                return true;
            }
            default -> {
                String text = t.getText();
                int bad = -1;
                if (t.getType() == PromQLParser.METRIC_IDENTIFIER) {
                    bad = text.indexOf(':');
                } else if (!Character.isLetter(text.charAt(0)) && text.charAt(0) != '_') {
                    bad = 0;
                }
                if (bad >= 0) {
                    lexical(i, "unexpected character inside braces: " + goRune(text.codePointAt(bad)));
                    lexicalOffset = bad;
                }
                return true;
            }
        }
    }

    /** Go's {@code %q} of a rune: {@code 'x'}. */
    private static String goRune(int cp) {
        return switch (cp) {
            case '\'' -> "'\\''";
            case '\\' -> "'\\\\'";
            default -> cp < 0x20 ? String.format("'\\x%02x'", cp) : "'" + new String(Character.toChars(cp)) + "'";
        };
    }
}
