/**
 * The owned PromQL syntax tree: immutable records behind the sealed {@link dev.hindsight.query.ast.Expr}
 * interface, each carrying the {@link dev.hindsight.query.Position} of its source text.
 *
 * <p>The parser ({@code dev.hindsight.query.parser.QueryParser}) builds and type-checks these
 * trees; the evaluator walks them. {@code toString()} of every node prints PromQL (in the style
 * of Prometheus's printer) that parses back to an equal tree, ignoring positions.
 * {@link dev.hindsight.query.ast.AstDump} compares trees with or without positions;
 * {@link dev.hindsight.query.ast.Exprs} walks them; {@link dev.hindsight.query.ast.Functions} is the
 * function table.
 */
package dev.hindsight.query.ast;
