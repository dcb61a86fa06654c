/*
 * PromQL, as accepted by Prometheus's promql/parser (lex.go, generated_parser.y).
 * Precedence, tightest first: postfix ([range], [range:step], offset, @), ^ (right-assoc),
 * unary +/-, * / % atan2, + -, comparisons, and/unless, or. The Java package comes from the
 * folder; no @header. The visitor (PromQLAstBuilder) turns the parse tree into the owned AST.
 */
grammar PromQL;

query : expr EOF ;

expr
    : expr LEFT_BRACKET duration RIGHT_BRACKET                                  # rangeExpr
    | expr LEFT_BRACKET duration COLON duration? RIGHT_BRACKET                  # subqueryExpr
    | expr OFFSET sign=(SUB | ADD)? duration                                    # offsetExpr
    | expr AT atValue                                                           # atExpr
    | <assoc=right> expr op=POW binModifiers expr                               # binaryExpr
    | op=(ADD | SUB) expr                                                       # unaryExpr
    | expr op=(MUL | DIV | MOD | ATAN2) binModifiers expr                       # binaryExpr
    | expr op=(ADD | SUB) binModifiers expr                                     # binaryExpr
    | expr op=(EQLC | NEQ | GTR | LSS | GTE | LTE) binModifiers expr            # binaryExpr
    | expr op=(AND | UNLESS) binModifiers expr                                  # binaryExpr
    | expr op=OR binModifiers expr                                              # binaryExpr
    | primary                                                                   # primaryExpr
    ;

primary
    : numberLiteral                                                             # numberPrimary
    | STRING                                                                    # stringPrimary
    | LEFT_PAREN expr RIGHT_PAREN                                               # parenPrimary
    | aggregation                                                               # aggregationPrimary
    | IDENTIFIER LEFT_PAREN callArgs? RIGHT_PAREN                               # callPrimary
    | name=(START | END) LEFT_PAREN RIGHT_PAREN                                 # rangeBoundPrimary
    | vectorSelector                                                            # selectorPrimary
    ;

/** Durations are numbers of seconds where a number is expected (Prometheus 3). */
numberLiteral : NUMBER | INF | NAN | DURATION ;

callArgs : expr (COMMA expr)* trailing=COMMA? ;

aggregation
    : aggregateOp grouping LEFT_PAREN callArgs? RIGHT_PAREN
    | aggregateOp LEFT_PAREN callArgs? RIGHT_PAREN grouping?
    ;

aggregateOp
    : SUM | AVG | COUNT | MIN | MAX | GROUP | STDDEV | STDVAR | TOPK | BOTTOMK | COUNT_VALUES
    | QUANTILE | LIMITK | LIMIT_RATIO
    ;

grouping : kind=(BY | WITHOUT) labelList ;

labelList : LEFT_PAREN (groupLabel (COMMA groupLabel)* COMMA?)? RIGHT_PAREN ;

groupLabel : labelName | STRING ;

binModifiers : BOOL? (matchKind=(ON | IGNORING) labelList (groupKind=(GROUP_LEFT | GROUP_RIGHT) labelList?)?)? ;

vectorSelector
    : metricName labelMatchers?
    | labelMatchers
    ;

labelMatchers : LEFT_BRACE (labelMatcher (COMMA labelMatcher)* COMMA?)? RIGHT_BRACE ;

labelMatcher
    : labelName matchOp STRING
    | STRING matchOp STRING
    | STRING
    ;

matchOp : EQ | NEQ | EQ_REGEX | NEQ_REGEX ;

duration : DURATION | NUMBER ;

atValue
    : sign=(ADD | SUB)? numberLiteral
    | START LEFT_PAREN RIGHT_PAREN
    | END LEFT_PAREN RIGHT_PAREN
    ;

/** Metric names: identifiers, and the keywords Prometheus also accepts there. */
metricName
    : IDENTIFIER | METRIC_IDENTIFIER | aggregateOp | AND | OR | UNLESS | BY | WITHOUT | OFFSET | START | END
    ;

/** Label names: any identifier or keyword (no colons). */
labelName
    : IDENTIFIER | aggregateOp | AND | OR | UNLESS | ATAN2 | BY | WITHOUT | ON | IGNORING | GROUP_LEFT
    | GROUP_RIGHT | BOOL | OFFSET | START | END | INF | NAN
    ;

// ---------------------------------------------------------------- lexer

WS      : [ \t\r\n]+ -> channel(HIDDEN) ;
COMMENT : '#' ~[\r\n]* -> channel(HIDDEN) ;

AND          : A N D ;
OR           : O R ;
UNLESS       : U N L E S S ;
ATAN2        : A T A N '2' ;
SUM          : S U M ;
AVG          : A V G ;
COUNT        : C O U N T ;
MIN          : M I N ;
MAX          : M A X ;
GROUP        : G R O U P ;
STDDEV       : S T D D E V ;
STDVAR       : S T D V A R ;
TOPK         : T O P K ;
BOTTOMK      : B O T T O M K ;
COUNT_VALUES : C O U N T '_' V A L U E S ;
QUANTILE     : Q U A N T I L E ;
LIMITK       : L I M I T K ;
LIMIT_RATIO  : L I M I T '_' R A T I O ;
OFFSET       : O F F S E T ;
BY           : B Y ;
WITHOUT      : W I T H O U T ;
ON           : O N ;
IGNORING     : I G N O R I N G ;
GROUP_LEFT   : G R O U P '_' L E F T ;
GROUP_RIGHT  : G R O U P '_' R I G H T ;
BOOL         : B O O L ;
START        : S T A R T ;
END          : E N D ;
INF          : I N F ;
NAN          : N A N ;

DURATION : (DIGITS ('ms' | [smhdwy]))+ ;
NUMBER
    : '0' [xX] [0-9a-fA-F]+
    | DIGITS ('.' DIGITS?)? EXPONENT?
    | '.' DIGITS EXPONENT?
    ;

// A number or duration run into a letter, digit or dot (5mm, 2.5.): reported as bad syntax.
BAD_NUMBER : (NUMBER | DURATION) [a-zA-Z0-9_.] ;

STRING
    : '"' (ESC | ~["\\\r\n])* '"'
    | '\'' (ESC | ~['\\\r\n])* '\''
    | '`' ~[`]* '`'
    ;
UNTERMINATED_STRING
    : '"' (ESC | ~["\\\r\n])*
    | '\'' (ESC | ~['\\\r\n])*
    | '`' ~[`]*
    ;

IDENTIFIER        : [a-zA-Z_] [a-zA-Z0-9_]* ;
METRIC_IDENTIFIER : [a-zA-Z_] [a-zA-Z0-9_:]* ;

LEFT_PAREN    : '(' ;
RIGHT_PAREN   : ')' ;
LEFT_BRACE    : '{' ;
RIGHT_BRACE   : '}' ;
LEFT_BRACKET  : '[' ;
RIGHT_BRACKET : ']' ;
COMMA         : ',' ;
COLON         : ':' ;
AT            : '@' ;
EQ            : '=' ;
EQLC          : '==' ;
NEQ           : '!=' ;
EQ_REGEX      : '=~' ;
NEQ_REGEX     : '!~' ;
GTE           : '>=' ;
LTE           : '<=' ;
GTR           : '>' ;
LSS           : '<' ;
ADD           : '+' ;
SUB           : '-' ;
MUL           : '*' ;
DIV           : '/' ;
MOD           : '%' ;
POW           : '^' ;

ERROR_CHAR : . ;

fragment DIGITS   : [0-9]+ ;
fragment EXPONENT : [eE] [+-]? DIGITS ;
fragment ESC      : '\\' . ;
fragment A : [aA] ; fragment B : [bB] ; fragment C : [cC] ; fragment D : [dD] ; fragment E : [eE] ;
fragment F : [fF] ; fragment G : [gG] ; fragment H : [hH] ; fragment I : [iI] ; fragment K : [kK] ;
fragment L : [lL] ; fragment M : [mM] ; fragment N : [nN] ; fragment O : [oO] ; fragment P : [pP] ;
fragment Q : [qQ] ; fragment R : [rR] ; fragment S : [sS] ; fragment T : [tT] ; fragment U : [uU] ;
fragment V : [vV] ; fragment W : [wW] ; fragment X : [xX] ; fragment Y : [yY] ;
