package dev.hindsight.query.ast;

/** How the samples of the two sides of a vector/vector binary operation are matched. */
public enum Cardinality { ONE_TO_ONE, MANY_TO_ONE, ONE_TO_MANY, MANY_TO_MANY }
