package dev.hindsight.query.parser;

import dev.hindsight.query.Position;
import dev.hindsight.query.ast.AggregateExpr;
import dev.hindsight.query.ast.AggregateOp;
import dev.hindsight.query.ast.AtModifier;
import dev.hindsight.query.ast.BinaryExpr;
import dev.hindsight.query.ast.BinaryOp;
import dev.hindsight.query.ast.Call;
import dev.hindsight.query.ast.Cardinality;
import dev.hindsight.query.ast.Expr;
import dev.hindsight.query.ast.FunctionSignature;
import dev.hindsight.query.ast.MatrixSelector;
import dev.hindsight.query.ast.NumberLiteral;
import dev.hindsight.query.ast.ParenExpr;
import dev.hindsight.query.ast.StringLiteral;
import dev.hindsight.query.ast.SubqueryExpr;
import dev.hindsight.query.ast.UnaryExpr;
import dev.hindsight.query.ast.VectorMatching;
import dev.hindsight.query.ast.VectorSelector;
import dev.hindsight.query.parser.PromQLParser.AggregationContext;
import dev.hindsight.query.parser.PromQLParser.AtExprContext;
import dev.hindsight.query.parser.PromQLParser.AtValueContext;
import dev.hindsight.query.parser.PromQLParser.BinModifiersContext;
import dev.hindsight.query.parser.PromQLParser.BinaryExprContext;
import dev.hindsight.query.parser.PromQLParser.CallArgsContext;
import dev.hindsight.query.parser.PromQLParser.CallPrimaryContext;
import dev.hindsight.query.parser.PromQLParser.DurationContext;
import dev.hindsight.query.parser.PromQLParser.ExprContext;
import dev.hindsight.query.parser.PromQLParser.GroupLabelContext;
import dev.hindsight.query.parser.PromQLParser.LabelListContext;
import dev.hindsight.query.parser.PromQLParser.LabelMatcherContext;
import dev.hindsight.query.parser.PromQLParser.NumberLiteralContext;
import dev.hindsight.query.parser.PromQLParser.OffsetExprContext;
import dev.hindsight.query.parser.PromQLParser.PrimaryContext;
import dev.hindsight.query.parser.PromQLParser.RangeExprContext;
import dev.hindsight.query.parser.PromQLParser.SubqueryExprContext;
import dev.hindsight.query.parser.PromQLParser.UnaryExprContext;
import dev.hindsight.query.parser.PromQLParser.VectorSelectorContext;
import dev.hindsight.storage.select.LabelMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * Walks an ANTLR parse tree and builds the owned AST, type-checking each node as it is made
 * (so the first error found is the innermost, leftmost one). One instance per parse.
 */
final class AstBuilder {

    private static final String MODIFIER_TARGET =
            "must be preceded by an instant vector selector or range vector selector or a subquery";

    private final SourceText src;
    private final TypeChecks checks;
    /** Compiled regex matchers by regex text, reused across parses on one thread; may be null. */
    private final Map<String, Pattern> regexCache;

    AstBuilder(SourceText src) {
        this(src, null);
    }

    AstBuilder(SourceText src, Map<String, Pattern> regexCache) {
        this.src = src;
        this.checks = new TypeChecks(src);
        this.regexCache = regexCache;
    }

    Expr expr(ExprContext ctx) {
        if (ctx instanceof PromQLParser.PrimaryExprContext p) {
            return primary(p.primary());
        }
        if (ctx instanceof BinaryExprContext b) {
            return binary(b);
        }
        if (ctx instanceof UnaryExprContext u) {
            return unary(u);
        }
        if (ctx instanceof RangeExprContext r) {
            return range(r);
        }
        if (ctx instanceof SubqueryExprContext s) {
            return subquery(s);
        }
        if (ctx instanceof OffsetExprContext o) {
            return offset(o);
        }
        if (ctx instanceof AtExprContext a) {
            return at(a);
        }
        throw new IllegalStateException("unknown expression " + ctx.getClass().getSimpleName());
    }

    private Expr primary(PrimaryContext ctx) {
        Position pos = src.of(ctx);
        if (ctx instanceof PromQLParser.NumberPrimaryContext n) {
            return new NumberLiteral(number(n.numberLiteral()), pos);
        }
        if (ctx instanceof PromQLParser.StringPrimaryContext s) {
            return new StringLiteral(string(s.STRING().getSymbol()), pos);
        }
        if (ctx instanceof PromQLParser.ParenPrimaryContext p) {
            return new ParenExpr(expr(p.expr()), pos);
        }
        if (ctx instanceof PromQLParser.AggregationPrimaryContext a) {
            return aggregation(a.aggregation());
        }
        if (ctx instanceof CallPrimaryContext c) {
            return call(c);
        }
        if (ctx instanceof PromQLParser.RangeBoundPrimaryContext r) {
            String name = r.name.getType() == PromQLParser.START ? "start" : "end";
            return new Call(FunctionSignature.lookup(name).orElseThrow(), List.of(), pos);
        }
        if (ctx instanceof PromQLParser.SelectorPrimaryContext s) {
            return selector(s.vectorSelector());
        }
        throw new IllegalStateException("unknown primary " + ctx.getClass().getSimpleName());
    }

    // ------------------------------------------------------------------ operators

    private Expr unary(UnaryExprContext ctx) {
        boolean negate = ctx.op.getType() == PromQLParser.SUB;
        Expr operand = expr(ctx.expr());
        Position pos = src.of(ctx);
        if (operand instanceof NumberLiteral n) {
            return new NumberLiteral(negate ? -n.value() : n.value(), pos);
        }
        UnaryExpr u = new UnaryExpr(negate, operand, pos);
        checks.unary(u);
        return u;
    }

    private Expr binary(BinaryExprContext ctx) {
        Expr lhs = expr(ctx.expr(0));
        Expr rhs = expr(ctx.expr(1));
        BinaryOp op = binaryOp(ctx.op);
        BinModifiersContext mods = ctx.binModifiers();
        boolean returnBool = mods.BOOL() != null;
        VectorMatching written = null;
        if (mods.matchKind != null) {
            boolean on = mods.matchKind.getType() == PromQLParser.ON;
            List<String> labels = labels(mods.labelList(0));
            Cardinality card = Cardinality.ONE_TO_ONE;
            List<String> include = List.of();
            if (mods.groupKind != null) {
                card = mods.groupKind.getType() == PromQLParser.GROUP_LEFT
                        ? Cardinality.MANY_TO_ONE : Cardinality.ONE_TO_MANY;
                if (mods.labelList().size() > 1) {
                    include = labels(mods.labelList(1));
                }
            }
            written = new VectorMatching(card, labels, on, include);
        }
        Position pos = src.of(ctx);
        VectorMatching matching = checks.binary(op, lhs, rhs, written, returnBool, src.of(ctx.op), pos);
        return new BinaryExpr(op, lhs, rhs, matching, returnBool, pos);
    }

    private static BinaryOp binaryOp(Token t) {
        return switch (t.getType()) {
            case PromQLParser.ADD -> BinaryOp.ADD;
            case PromQLParser.SUB -> BinaryOp.SUB;
            case PromQLParser.MUL -> BinaryOp.MUL;
            case PromQLParser.DIV -> BinaryOp.DIV;
            case PromQLParser.MOD -> BinaryOp.MOD;
            case PromQLParser.POW -> BinaryOp.POW;
            case PromQLParser.ATAN2 -> BinaryOp.ATAN2;
            case PromQLParser.EQLC -> BinaryOp.EQL;
            case PromQLParser.NEQ -> BinaryOp.NEQ;
            case PromQLParser.GTR -> BinaryOp.GTR;
            case PromQLParser.LSS -> BinaryOp.LSS;
            case PromQLParser.GTE -> BinaryOp.GTE;
            case PromQLParser.LTE -> BinaryOp.LTE;
            case PromQLParser.AND -> BinaryOp.AND;
            case PromQLParser.OR -> BinaryOp.OR;
            case PromQLParser.UNLESS -> BinaryOp.UNLESS;
            default -> throw new IllegalStateException("not a binary operator: " + t.getText());
        };
    }

    // ------------------------------------------------------------------ postfix modifiers

    private Expr range(RangeExprContext ctx) {
        Expr inner = expr(ctx.expr());
        Position pos = src.of(ctx);
        Position bracket = src.span(ctx.LEFT_BRACKET().getSymbol(), ctx.RIGHT_BRACKET().getSymbol());
        if (!(inner instanceof VectorSelector vs)) {
            throw src.error(bracket, "ranges only allowed for vector selectors");
        }
        if (vs.offsetMs() != 0) {
            throw src.error(bracket, "no offset modifiers allowed before range");
        }
        if (vs.at() != null) {
            throw src.error(bracket, "no @ modifiers allowed before range");
        }
        long rangeMs = positiveDuration(ctx.duration());
        return new MatrixSelector(vs, rangeMs, pos);
    }

    private Expr subquery(SubqueryExprContext ctx) {
        Expr inner = expr(ctx.expr());
        Position pos = src.of(ctx);
        long rangeMs = positiveDuration(ctx.duration(0));
        long stepMs = ctx.duration().size() > 1 ? positiveDuration(ctx.duration(1)) : 0;
        if (inner.type() != dev.hindsight.query.ast.ValueType.VECTOR) {
            throw src.error(pos, "subquery is only allowed on instant vector, got " + inner.type().resultType()
                    + " instead");
        }
        return new SubqueryExpr(inner, rangeMs, stepMs, 0, null, pos);
    }

    private Expr offset(OffsetExprContext ctx) {
        Expr inner = expr(ctx.expr());
        Position pos = src.of(ctx);
        long ms = duration(ctx.duration());
        if (ctx.sign != null && ctx.sign.getType() == PromQLParser.SUB) {
            ms = -ms;
        }
        Position modPos = inner.position();
        if (inner instanceof VectorSelector vs) {
            requireNoOffset(vs.offsetMs(), modPos);
            return vs.withModifiers(ms, vs.at(), pos);
        }
        if (inner instanceof MatrixSelector m) {
            requireNoOffset(m.vector().offsetMs(), modPos);
            return new MatrixSelector(m.vector().withModifiers(ms, m.vector().at(), m.vector().position()),
                    m.rangeMs(), pos);
        }
        if (inner instanceof SubqueryExpr s) {
            requireNoOffset(s.offsetMs(), modPos);
            return s.withModifiers(ms, s.at(), pos);
        }
        throw src.error(modPos, "offset modifier " + MODIFIER_TARGET);
    }

    private void requireNoOffset(long existing, Position p) {
        if (existing != 0) {
            throw src.error(p, "offset may not be set multiple times");
        }
    }

    private Expr at(AtExprContext ctx) {
        Expr inner = expr(ctx.expr());
        Position pos = src.of(ctx);
        Position modPos = inner.position();
        AtModifier at = atValue(ctx.atValue(), modPos);
        if (inner instanceof VectorSelector vs) {
            requireNoAt(vs.at(), modPos);
            return vs.withModifiers(vs.offsetMs(), at, pos);
        }
        if (inner instanceof MatrixSelector m) {
            requireNoAt(m.vector().at(), modPos);
            return new MatrixSelector(m.vector().withModifiers(m.vector().offsetMs(), at, m.vector().position()),
                    m.rangeMs(), pos);
        }
        if (inner instanceof SubqueryExpr s) {
            requireNoAt(s.at(), modPos);
            return s.withModifiers(s.offsetMs(), at, pos);
        }
        throw src.error(modPos, "@ modifier " + MODIFIER_TARGET);
    }

    private void requireNoAt(AtModifier existing, Position p) {
        if (existing != null) {
            throw src.error(p, "@ <timestamp> may not be set multiple times");
        }
    }

    private AtModifier atValue(AtValueContext ctx, Position modPos) {
        if (ctx.START() != null) {
            return AtModifier.START;
        }
        if (ctx.END() != null) {
            return AtModifier.END;
        }
        double seconds = number(ctx.numberLiteral());
        if (ctx.sign != null && ctx.sign.getType() == PromQLParser.SUB) {
            seconds = -seconds;
        }
        if (Double.isNaN(seconds) || seconds >= 9.223372036854775807E18 || seconds <= -9.223372036854775807E18) {
            throw src.error(modPos, "timestamp out of bounds for @ modifier: " + goFloat(seconds));
        }
        // Go's math.Round: halves away from zero
        double ms = seconds * 1000;
        return AtModifier.at(ms < 0 ? -Math.round(-ms) : Math.round(ms));
    }

    /** Go's {@code %f}: six decimals, {@code +Inf}, {@code -Inf}, {@code NaN}. */
    private static String goFloat(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        return String.format(java.util.Locale.ROOT, "%.6f", v);
    }

    // ------------------------------------------------------------------ aggregations and calls

    private Expr aggregation(AggregationContext ctx) {
        Position pos = src.of(ctx);
        AggregateOp op = AggregateOp.fromKeyword(ctx.aggregateOp().getText())
                .orElseThrow(() -> new IllegalStateException("aggregation " + ctx.aggregateOp().getText()));
        List<Expr> args = args(ctx.callArgs());
        boolean without = false;
        List<String> grouping = List.of();
        if (ctx.grouping() != null) {
            without = ctx.grouping().kind.getType() == PromQLParser.WITHOUT;
            grouping = labels(ctx.grouping().labelList());
        }
        if (args.isEmpty()) {
            throw src.error(pos, "no arguments for aggregate expression provided");
        }
        int wanted = op.hasParam() ? 2 : 1;
        if (args.size() != wanted) {
            throw src.error(pos, "wrong number of arguments for aggregate expression provided, expected "
                    + wanted + ", got " + args.size());
        }
        AggregateExpr a = new AggregateExpr(op, args.get(wanted - 1), op.hasParam() ? args.get(0) : null,
                grouping, without, pos);
        checks.aggregate(a);
        return a;
    }

    private Expr call(CallPrimaryContext ctx) {
        Token name = ctx.IDENTIFIER().getSymbol();
        FunctionSignature f = FunctionSignature.lookup(name.getText())
                .orElseThrow(() -> src.error(src.of(name), "unknown function with name \"" + name.getText() + "\""));
        Call c = new Call(f, args(ctx.callArgs()), src.of(ctx));
        checks.call(c, src.of(name));
        return c;
    }

    private List<Expr> args(CallArgsContext ctx) {
        if (ctx == null) {
            return List.of();
        }
        if (ctx.trailing != null) {
            throw src.error(src.of(ctx.trailing), "trailing commas not allowed in function call args");
        }
        List<Expr> out = new ArrayList<>(ctx.expr().size());
        for (ExprContext e : ctx.expr()) {
            out.add(expr(e));
        }
        return out;
    }

    // ------------------------------------------------------------------ selectors

    private Expr selector(VectorSelectorContext ctx) {
        List<LabelMatcher> matchers = new ArrayList<>();
        String name = null;
        if (ctx.metricName() != null) {
            name = ctx.metricName().getText();
            matchers.add(LabelMatcher.eq("__name__", name));
        }
        if (ctx.labelMatchers() != null) {
            for (LabelMatcherContext m : ctx.labelMatchers().labelMatcher()) {
                matchers.add(matcher(m));
            }
        }
        VectorSelector vs = new VectorSelector(name, matchers, 0, null, src.of(ctx));
        checks.selector(vs);
        return vs;
    }

    private LabelMatcher matcher(LabelMatcherContext ctx) {
        List<TerminalNode> strings = ctx.STRING();
        if (ctx.matchOp() == null) {
            return LabelMatcher.eq("__name__", string(strings.get(0).getSymbol()));
        }
        String label = ctx.labelName() != null ? ctx.labelName().getText() : string(strings.get(0).getSymbol());
        Token valueToken = strings.get(strings.size() - 1).getSymbol();
        String value = string(valueToken);
        LabelMatcher.Op op = switch (ctx.matchOp().getStart().getType()) {
            case PromQLParser.EQ -> LabelMatcher.Op.EQ;
            case PromQLParser.NEQ -> LabelMatcher.Op.NEQ;
            case PromQLParser.EQ_REGEX -> LabelMatcher.Op.RE;
            default -> LabelMatcher.Op.NRE;
        };
        try {
            if (regexCache == null || (op != LabelMatcher.Op.RE && op != LabelMatcher.Op.NRE)) {
                return LabelMatcher.of(op, label, value);
            }
            Pattern cached = regexCache.get(value);
            if (cached != null) {
                return new LabelMatcher(op, label, value, cached);
            }
            LabelMatcher m = LabelMatcher.of(op, label, value);
            regexCache.put(value, m.pattern());
            return m;
        } catch (PatternSyntaxException e) {
            throw src.error(src.of(valueToken), "error parsing regexp: " + e.getDescription() + ": `" + value + "`");
        }
    }

    private List<String> labels(LabelListContext ctx) {
        List<String> out = new ArrayList<>(ctx.groupLabel().size());
        for (GroupLabelContext g : ctx.groupLabel()) {
            out.add(g.STRING() != null ? string(g.STRING().getSymbol()) : g.getText());
        }
        return out;
    }

    // ------------------------------------------------------------------ literals

    private double number(NumberLiteralContext ctx) {
        return switch (ctx.getStart().getType()) {
            case PromQLParser.INF -> Double.POSITIVE_INFINITY;
            case PromQLParser.NAN -> Double.NaN;
            case PromQLParser.DURATION -> durationToken(ctx.getStart()) / 1000.0;
            default -> number(ctx.getStart());
        };
    }

    private double number(Token t) {
        try {
            return Literals.number(t.getText());
        } catch (NumberFormatException e) {
            throw src.error(src.of(t), e.getMessage());
        }
    }

    private String string(Token t) {
        try {
            return Literals.unquote(t.getText());
        } catch (Literals.LiteralException e) {
            Position p = src.of(t);
            throw src.error(new Position(p.start() + e.offset, p.end()), e.getMessage());
        }
    }

    private long positiveDuration(DurationContext ctx) {
        long ms = duration(ctx);
        if (ms <= 0) {
            throw src.error(src.of(ctx), "duration must be greater than 0");
        }
        return ms;
    }

    private long duration(DurationContext ctx) {
        Token t = ctx.getStart();
        if (t.getType() == PromQLParser.NUMBER) {
            double seconds = number(t);
            double ms = seconds * 1000; // truncated like Prometheus's time.Duration(v * 1000) * time.Millisecond
            if (Double.isNaN(ms) || Math.abs(ms) > Long.MAX_VALUE / 2) {
                throw src.error(src.of(t), "duration out of range: \"" + t.getText() + "\"");
            }
            return (long) ms;
        }
        return durationToken(t);
    }

    private long durationToken(Token t) {
        try {
            return Literals.duration(t.getText());
        } catch (Literals.LiteralException e) {
            throw src.error(src.of(t), e.getMessage());
        }
    }
}
