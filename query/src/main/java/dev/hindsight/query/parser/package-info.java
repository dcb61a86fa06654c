/**
 * The PromQL parser: an ANTLR 4 grammar ({@code PromQL.g4}, generated classes live here too),
 * a visitor that builds the owned {@link dev.hindsight.query.ast.Expr} tree with positions
 * ({@link dev.hindsight.query.parser.AstBuilder}), Prometheus's type checks
 * ({@link dev.hindsight.query.parser.TypeChecks}) and errors worded like Prometheus's
 * ({@link dev.hindsight.query.parser.SyntaxErrors}). Entry point: {@link dev.hindsight.query.parser.QueryParser}.
 */
package dev.hindsight.query.parser;
