/// Problems as values: every problem coopkb reports is a case here, carrying its data (names, positions,
/// candidates, suggestions) and no text. `Messages.renderer` turns a problem into text (`English.swift`); a
/// second language is one more `ProblemRenderer` in a file of its own, and `Problem.Kind.allCases` with
/// `Problem.sample(_:)` lets a test walk every case (docs/architecture.md, "Add a problem kind").
public indirect enum Problem: Error, Sendable, Equatable {
    // MARK: Query text (the lexer)
    /// A byte sequence that is not UTF-8 in a dot-command line.
    case invalidUTF8InLine
    /// A byte sequence that is not UTF-8 in a "string".
    case invalidUTF8InString
    /// A byte sequence that is not UTF-8 in a bare word.
    case invalidUTF8InQuery
    /// A backslash in a string before something other than `"` or `\`.
    case unknownEscape
    /// A string not closed on its line.
    case unterminatedString
    /// A NUL byte inside a string.
    case nulInString
    /// `$` not followed by a name.
    case variableNameMissing
    /// `!` not followed by `=`.
    case bangWithoutEquals
    /// A character that starts no token: its scalar value, nil for a byte that is not UTF-8.
    case unexpectedCharacter(UInt32?)

    /// What users of other shells type for help or to leave (`?`, `\q`): the dot-command to type instead.
    case shellHabit(typed: String, quit: Bool)

    // MARK: Grammar (the parser)
    /// A keyword the grammar needs here is missing.
    case expectedKeyword(Keyword, Context, found: Found)
    /// A symbol the grammar needs here is missing.
    case expectedSymbol(String, Context, found: Found)
    /// `let` not followed by `$name`.
    case expectedVariableAfterLet
    /// A `)` with no `(` before it.
    case unmatchedCloseParenthesis
    /// Something after a complete statement.
    case unexpectedAfterStatement(found: Found)
    /// A dot-command line whose quoted argument is not closed.
    case unterminatedStringInDotCommand
    /// `|` not followed by a stage.
    case expectedStageAfterBar(found: Found)
    /// `depth 0`.
    case depthTooSmall
    /// More nested parentheses or `not`s than the parser follows.
    case tooDeeplyNested(Nesting, limit: Int)
    /// A condition deeper than SQLite's expression depth.
    case conditionTooDeep(limit: Int)
    /// A `(` not closed: the column of the `(`, and what was found instead of `)`.
    case unclosedParenthesis(column: Int, found: Found)
    /// `word:` before a REF where the word is no kind.
    case unknownKindPrefix(String)
    /// A keyword where a name is expected.
    case keywordAsName(String)
    /// A REF is missing (found nil: at the end of the statement).
    case expectedName(Context, found: Found?)
    /// A whole number is missing.
    case expectedWholeNumber(Context, found: Found)
    /// A number larger than the language takes.
    case numberTooLarge(String)
    /// A field name is missing.
    case expectedField(Context, found: Found)
    /// A comparison operator is missing after a field.
    case expectedComparison(field: String, found: Found)
    /// A value is missing.
    case expectedValue(found: Found)
    /// `$1` outside a saved query.
    case savedQueryParameter(String)
    /// Names and keywords as people write them (docs/names.md, rules 13-17, 21): a word close to a term keyword
    /// or a known phrase (`parners of`): the phrase to write and the statement rewritten (nil: too long to quote).
    case termSuggestion(found: String, phrase: String, example: String?)
    /// A word where a stage is expected, close to a stage keyword or an SQL/French stage phrase (`order by`).
    case stageSuggestion(found: String, phrase: String, example: String?)
    /// A stage phrase at the start of a statement (`order by name`).
    case stageAtStart(found: String, phrase: String, example: String?)
    /// `help`, `exit`, `quit` as a statement: the dot-command to type.
    case dotCommandWord(String, quit: Bool)
    /// A term where a name is expected (`partners of authorities in FR-BRE`).
    case termNeedsParentheses(term: String, example: String?)
    /// Words after a bare name (`Corée du Sud`): the name to quote (nil: too long to quote).
    case nameWithBlanks(word: String, name: String?)
    /// A bare name followed by its place in parentheses (`Saint-Denis (93)`).
    case placeNotQuoted(name: String)
    /// A statement that stopped at its end: the problem found there. The shell reads another line instead.
    case incomplete(Problem)

    // MARK: Meaning (the evaluator)
    /// `authorities in X` where X is a group or a partnership.
    case authoritiesInNeedsPlace(id: String, kind: ElementKind)
    /// A term that needs a set of authorities was given something else.
    case needsAuthorities(term: [Keyword?], given: Given)
    /// `members of X` where X is no group.
    case membersOfNeedsGroup(id: String, kind: ElementKind)
    /// `members of` a country that has groups: the country's id and name, and the groups for it.
    case membersOfCountry(id: String, country: String, groups: [String])
    /// `members of (…)` whose rows are not groups.
    case membersOfNeedsGroups(rows: RowKind)
    /// A path or a count on one side of a set operation (left: whether it is the left side).
    case notASet(SetOperation, rows: RowKind)
    /// Two sides of a set operation of different kinds.
    case setKindsDiffer(SetOperation, left: ElementKind, right: ElementKind)
    /// `similar to X` where X is no authority.
    case similarNeedsAuthority(id: String, kind: ElementKind)
    /// `path from X to Y` where X or Y is no authority.
    case pathNeedsAuthority(id: String, kind: ElementKind)
    /// `brief` of a partnership.
    case briefNeedsElement
    /// An unknown `$name`, with the variables whose names are close.
    case unknownVariable(String, candidates: [String])
    /// An unknown field: its name, the rows (nil: a table), the close names, and the fields to list otherwise.
    case unknownField(String, rows: RowKind, candidates: [String], fields: [String])
    /// `x within R` on partnerships where x is neither `a` nor `b`.
    case sideIsAOrB
    /// `x within R` on rows that are not partnerships.
    case sideOnlyOnPartnerships(side: String, rows: RowKind)
    /// `within R` on partnerships, without a side.
    case withinNeedsSide(ref: String)
    /// `within R` on rows that are not authorities.
    case withinNeedsAuthorities(rows: RowKind)
    /// A numeric field compared with something that is not a number.
    case notANumber(field: String, value: String, quoted: Bool)
    /// A brief in an output mode that is not a document of tables.
    case briefNeedsDocumentMode
    /// `closeness` asked of a network whose exact computation needs more steps than the limit.
    case closenessPastLimit(work: Int, limit: Int)

    // MARK: Dot-commands and usage
    /// An unknown dot-command, with the closest name (nil: none is close).
    case unknownCommand(String, suggestion: String?)
    /// A dot-command given the wrong arguments: its usage.
    case usage(command: String)
    // ▸ KB files and import (Diagnostics/KBProblem.swift, ImportProblem.swift)
    /// A problem of a KB file (Loader/).
    case kb(KBProblem)
    /// An error of a type the code does not expect there (a bug): the type's name, for the report.
    case internalError(type: String)
    /// A problem of `.import` (Import/).
    case importing(ImportProblem)

    // ▸ REF resolution and evaluation (Diagnostics/ResolutionProblem.swift)
    /// REF resolution and evaluation: ambiguity, no match, the homonym note, the empty-answer hint.
    case resolution(ResolutionProblem)

    // ▸ the session, its files and tools (Diagnostics/SessionProblem.swift)
    /// A problem or notice of the session, its files and tools (Diagnostics/SessionProblem.swift).
    case session(SessionProblem)


    /// What the grammar was reading when something was missing: it follows "expected X".
    public enum Context: Sendable, Equatable {
        /// Nothing to add.
        case none
        /// After these keywords: "after 'sort by'".
        case after([Keyword])
        /// After this word as the user wrote it (`neighbors`).
        case afterWord(String)
        /// After `let $name`.
        case afterLet(String)
        /// After `brief`: a country, an authority or a group.
        case afterBrief
        /// Between the two sides of `partnerships between S and T`.
        case inPartnershipsBetween
        /// Between the two ends of `path from A to B`.
        case inPathFromTo
        /// After `in` in a condition: `field in (a, b)`.
        case afterIn
        /// At the end of a `field in (…)` list.
        case closingValueList
        /// In a condition.
        case inCondition
    }

    /// What stood where something else was expected.
    public enum Found: Sendable, Equatable {
        case end
        case string(String)
        case variable(String)
        case newline
        case dotCommand
        /// A word or a symbol, as written.
        case token(String)

        /// What a token is, for a message.
        public init(_ t: Token) {
            switch t.kind {
            case .end: self = .end
            case .string: self = .string(t.text)
            case .variable: self = .variable(t.text)
            case .newline: self = .newline
            case .dotCommand: self = .dotCommand
            case .word, .symbol: self = .token(t.text)
            }
        }
    }

    /// What nests too deeply.
    public enum Nesting: Sendable, Equatable { case parentheses, not }

    /// What a term that needs authorities was given instead.
    public enum Given: Sendable, Equatable {
        /// A REF naming a partnership.
        case partnershipRef
        /// Partnership rows.
        case partnerships
        /// A path.
        case path
        /// A table (a count): its origin (`count`, `components`).
        case table(origin: String)
    }
}

extension Problem {
    /// The problem's text in the current language.
    public var text: String { Messages.renderer.text(self) }
}

/// Turns problems into text in one language: one `switch` over `Problem` per language, in a file of its own.
public protocol ProblemRenderer: Sendable {
    func text(_ problem: Problem) -> String
}

/// The language problems are told in (issue 16 sets it from the locale and `.lang`).
public enum Messages {
    nonisolated(unsafe) public static var renderer: any ProblemRenderer = English()
}

extension Problem {
    /// The name of each case, so that a test can walk them all (`sample(_:)` gives a value of each).
    public enum Kind: String, CaseIterable, Sendable {
        case invalidUTF8InLine, invalidUTF8InString, invalidUTF8InQuery, unknownEscape, unterminatedString, nulInString
        case variableNameMissing, bangWithoutEquals, unexpectedCharacter, shellHabit
        case termSuggestion, stageSuggestion, stageAtStart, dotCommandWord, termNeedsParentheses, nameWithBlanks, placeNotQuoted
        case membersOfCountry
        case expectedKeyword, expectedSymbol, expectedVariableAfterLet, unmatchedCloseParenthesis, unexpectedAfterStatement
        case unterminatedStringInDotCommand, expectedStageAfterBar, depthTooSmall, tooDeeplyNested, conditionTooDeep
        case unclosedParenthesis, unknownKindPrefix, keywordAsName, expectedName, expectedWholeNumber, numberTooLarge
        case expectedField, expectedComparison, expectedValue, savedQueryParameter, incomplete
        case authoritiesInNeedsPlace, needsAuthorities, membersOfNeedsGroup, membersOfNeedsGroups, notASet, setKindsDiffer
        case similarNeedsAuthority, pathNeedsAuthority, briefNeedsElement, unknownVariable, unknownField, sideIsAOrB
        case sideOnlyOnPartnerships, withinNeedsSide, withinNeedsAuthorities, notANumber, briefNeedsDocumentMode, closenessPastLimit
        case unknownCommand, usage
        // ▸ KB files and import (Diagnostics/KBProblem.swift, ImportProblem.swift)
        case kb, internalError, importing

        // ▸ REF resolution and evaluation (Diagnostics/ResolutionProblem.swift)
        case resolution

        // ▸ the session, its files and tools (Diagnostics/SessionProblem.swift)
        case session

    }

    /// The case's name.
    public var kind: Kind {
        switch self {
        case .invalidUTF8InLine: return .invalidUTF8InLine
        case .invalidUTF8InString: return .invalidUTF8InString
        case .invalidUTF8InQuery: return .invalidUTF8InQuery
        case .unknownEscape: return .unknownEscape
        case .unterminatedString: return .unterminatedString
        case .nulInString: return .nulInString
        case .variableNameMissing: return .variableNameMissing
        case .bangWithoutEquals: return .bangWithoutEquals
        case .unexpectedCharacter: return .unexpectedCharacter
        case .shellHabit: return .shellHabit
        case .termSuggestion: return .termSuggestion
        case .stageSuggestion: return .stageSuggestion
        case .stageAtStart: return .stageAtStart
        case .dotCommandWord: return .dotCommandWord
        case .termNeedsParentheses: return .termNeedsParentheses
        case .nameWithBlanks: return .nameWithBlanks
        case .placeNotQuoted: return .placeNotQuoted
        case .membersOfCountry: return .membersOfCountry
        case .expectedKeyword: return .expectedKeyword
        case .expectedSymbol: return .expectedSymbol
        case .expectedVariableAfterLet: return .expectedVariableAfterLet
        case .unmatchedCloseParenthesis: return .unmatchedCloseParenthesis
        case .unexpectedAfterStatement: return .unexpectedAfterStatement
        case .unterminatedStringInDotCommand: return .unterminatedStringInDotCommand
        case .expectedStageAfterBar: return .expectedStageAfterBar
        case .depthTooSmall: return .depthTooSmall
        case .tooDeeplyNested: return .tooDeeplyNested
        case .conditionTooDeep: return .conditionTooDeep
        case .unclosedParenthesis: return .unclosedParenthesis
        case .unknownKindPrefix: return .unknownKindPrefix
        case .keywordAsName: return .keywordAsName
        case .expectedName: return .expectedName
        case .expectedWholeNumber: return .expectedWholeNumber
        case .numberTooLarge: return .numberTooLarge
        case .expectedField: return .expectedField
        case .expectedComparison: return .expectedComparison
        case .expectedValue: return .expectedValue
        case .savedQueryParameter: return .savedQueryParameter
        case .incomplete: return .incomplete
        case .authoritiesInNeedsPlace: return .authoritiesInNeedsPlace
        case .needsAuthorities: return .needsAuthorities
        case .membersOfNeedsGroup: return .membersOfNeedsGroup
        case .membersOfNeedsGroups: return .membersOfNeedsGroups
        case .notASet: return .notASet
        case .setKindsDiffer: return .setKindsDiffer
        case .similarNeedsAuthority: return .similarNeedsAuthority
        case .pathNeedsAuthority: return .pathNeedsAuthority
        case .briefNeedsElement: return .briefNeedsElement
        case .unknownVariable: return .unknownVariable
        case .unknownField: return .unknownField
        case .sideIsAOrB: return .sideIsAOrB
        case .sideOnlyOnPartnerships: return .sideOnlyOnPartnerships
        case .withinNeedsSide: return .withinNeedsSide
        case .withinNeedsAuthorities: return .withinNeedsAuthorities
        case .notANumber: return .notANumber
        case .briefNeedsDocumentMode: return .briefNeedsDocumentMode
        case .closenessPastLimit: return .closenessPastLimit
        case .unknownCommand: return .unknownCommand
        case .usage: return .usage
        // ▸ KB files and import (Diagnostics/KBProblem.swift, ImportProblem.swift)
        case .kb: return .kb
        case .internalError: return .internalError
        case .importing: return .importing

        // ▸ REF resolution and evaluation (Diagnostics/ResolutionProblem.swift)
        case .resolution: return .resolution

        // ▸ the session, its files and tools (Diagnostics/SessionProblem.swift)
        case .session: return .session

        }
    }

    /// Values of each case, with every variant of its data that a renderer words differently.
    public static func samples(_ kind: Kind) -> [Problem] {
        let found: [Found] = [.end, .string("a b"), .variable("x"), .newline, .dotCommand, .token("foo")]
        switch kind {
        case .invalidUTF8InLine: return [.invalidUTF8InLine]
        case .invalidUTF8InString: return [.invalidUTF8InString]
        case .invalidUTF8InQuery: return [.invalidUTF8InQuery]
        case .unknownEscape: return [.unknownEscape]
        case .unterminatedString: return [.unterminatedString]
        case .nulInString: return [.nulInString]
        case .variableNameMissing: return [.variableNameMissing]
        case .bangWithoutEquals: return [.bangWithoutEquals]
        case .unexpectedCharacter: return [.unexpectedCharacter(0x07), .unexpectedCharacter(0x40), .unexpectedCharacter(nil)]
        case .shellHabit: return [.shellHabit(typed: "?", quit: false), .shellHabit(typed: "\\q", quit: true)]
        case .termSuggestion:
            return [.termSuggestion(found: "parners of", phrase: "partners of", example: "partners of rennes"),
                    .termSuggestion(found: "parners of", phrase: "partners of", example: nil)]
        case .stageSuggestion:
            return [.stageSuggestion(found: "order by", phrase: "sort by", example: "partners of rennes | sort by name"),
                    .stageSuggestion(found: "wher", phrase: Keyword.where.text, example: nil)]
        case .stageAtStart: return [.stageAtStart(found: "order by", phrase: "sort by", example: "authorities | sort by name"),
                                    .stageAtStart(found: "order by", phrase: "sort by", example: nil)]
        case .dotCommandWord: return [.dotCommandWord("hlep", quit: false), .dotCommandWord("bye", quit: true)]
        case .termNeedsParentheses:
            return [.termNeedsParentheses(term: "authorities in FR-BRE", example: "partners of (authorities in FR-BRE)"),
                    .termNeedsParentheses(term: "authorities in FR-BRE", example: nil)]
        case .nameWithBlanks: return [.nameWithBlanks(word: "Sud", name: "Corée Sud"), .nameWithBlanks(word: "Sud", name: nil)]
        case .placeNotQuoted: return [.placeNotQuoted(name: "Saint-Denis (93)")]
        case .membersOfCountry: return [.membersOfCountry(id: "ML", country: "Mali", groups: ["gp-mali"]), .membersOfCountry(id: "ML", country: "Mali", groups: ["gp-mali", "gt-eau"])]
        case .expectedKeyword:
            let contexts: [Context] = [.none, .after([.sort]), .afterWord("partner"), .afterLet("x"), .afterBrief, .inPartnershipsBetween,
                                       .inPathFromTo, .afterIn, .closingValueList, .inCondition]
            return contexts.map { .expectedKeyword(.of, $0, found: .end) } + found.map { .expectedKeyword(.by, .after([.sort]), found: $0) }
        case .expectedSymbol: return [.expectedSymbol("=", .afterLet("x"), found: .token("foo")), .expectedSymbol("(", .afterIn, found: .end)]
        case .expectedVariableAfterLet: return [.expectedVariableAfterLet]
        case .unmatchedCloseParenthesis: return [.unmatchedCloseParenthesis]
        case .unexpectedAfterStatement: return found.map { .unexpectedAfterStatement(found: $0) }
        case .unterminatedStringInDotCommand: return [.unterminatedStringInDotCommand]
        case .expectedStageAfterBar: return [.expectedStageAfterBar(found: .token("foo"))]
        case .depthTooSmall: return [.depthTooSmall]
        case .tooDeeplyNested: return [.tooDeeplyNested(.parentheses, limit: 256), .tooDeeplyNested(.not, limit: 256)]
        case .conditionTooDeep: return [.conditionTooDeep(limit: 1000)]
        case .unclosedParenthesis: return [.unclosedParenthesis(column: 12, found: .end)]
        case .unknownKindPrefix: return [.unknownKindPrefix("town")]
        case .keywordAsName: return [.keywordAsName(Keyword.path.text)]
        case .expectedName: return [.expectedName(.none, found: nil), .expectedName(.after([.show]), found: nil), .expectedName(.afterBrief, found: .token(")"))]
        case .expectedWholeNumber: return [.expectedWholeNumber(.after([.limit]), found: .token("ten"))]
        case .numberTooLarge: return [.numberTooLarge("99999999999")]
        case .expectedField: return [.expectedField(.after([.sort, .by]), found: .end)]
        case .expectedComparison: return [.expectedComparison(field: "name", found: .end)]
        case .expectedValue: return [.expectedValue(found: .end)]
        case .savedQueryParameter: return [.savedQueryParameter("1")]
        case .incomplete: return [.incomplete(.expectedName(.none, found: nil))]
        case .authoritiesInNeedsPlace: return [.authoritiesInNeedsPlace(id: "cites-unies", kind: .group), .authoritiesInNeedsPlace(id: "p1", kind: .partnership)]
        case .needsAuthorities:
            let term: [Keyword?] = [.partnerships, .between, nil, .and]
            return [.needsAuthorities(term: [.partners, .of], given: .partnershipRef), .needsAuthorities(term: term, given: .partnerships),
                    .needsAuthorities(term: [.groups, .of], given: .path), .needsAuthorities(term: [.groups, .of], given: .table(origin: "")),
                    .needsAuthorities(term: [.groups, .of], given: .table(origin: Keyword.components.text))]
        case .membersOfNeedsGroup: return [.membersOfNeedsGroup(id: "rennes", kind: .authority)]
        case .membersOfNeedsGroups: return [.membersOfNeedsGroups(rows: .table), .membersOfNeedsGroups(rows: .authority)]
        case .notASet: return [.notASet(.union, rows: .step), .notASet(.except, rows: .table)]
        case .setKindsDiffer: return [.setKindsDiffer(.intersect, left: .authority, right: .country)]
        case .similarNeedsAuthority: return [.similarNeedsAuthority(id: "FR", kind: .country)]
        case .pathNeedsAuthority: return [.pathNeedsAuthority(id: "FR", kind: .country)]
        case .briefNeedsElement: return [.briefNeedsElement]
        case .unknownVariable: return [.unknownVariable("bzh", candidates: []), .unknownVariable("bzh", candidates: ["bz", "bzhh"])]
        case .unknownField:
            return [.unknownField("nme", rows: .authority, candidates: ["name"], fields: []),
                    .unknownField("zz", rows: .table, candidates: [], fields: ["country", "size"])]
        case .sideIsAOrB: return [.sideIsAOrB]
        case .sideOnlyOnPartnerships: return [.sideOnlyOnPartnerships(side: "a", rows: .authority)]
        case .withinNeedsSide: return [.withinNeedsSide(ref: "SN")]
        case .withinNeedsAuthorities: return [.withinNeedsAuthorities(rows: .group), .withinNeedsAuthorities(rows: .table)]
        case .notANumber: return [.notANumber(field: "population", value: "big", quoted: false), .notANumber(field: "population", value: "a b", quoted: true)]
        case .briefNeedsDocumentMode: return [.briefNeedsDocumentMode]
        case .closenessPastLimit: return [.closenessPastLimit(work: 2_000_000_000, limit: 1_000_000_000)]
        case .unknownCommand: return [.unknownCommand("hlep", suggestion: DotCommand.all[0].name), .unknownCommand("zzz", suggestion: nil)]
        case .usage: return DotCommand.all.map { .usage(command: $0.name) }
        // ▸ KB files and import (Diagnostics/KBProblem.swift, ImportProblem.swift)
        case .kb: return KBProblem.Kind.allCases.flatMap(KBProblem.samples).map(Problem.kb)
        case .internalError: return [.internalError(type: "DecodingError")]
        case .importing: return ImportProblem.Kind.allCases.flatMap(ImportProblem.samples).map(Problem.importing)

        // ▸ REF resolution and evaluation (Diagnostics/ResolutionProblem.swift)
        case .resolution: return ResolutionProblem.Kind.allCases.flatMap(ResolutionProblem.samples).map(Problem.resolution)

        // ▸ the session, its files and tools (Diagnostics/SessionProblem.swift)
        case .session: return SessionProblem.Kind.allCases.flatMap(SessionProblem.samples).map { .session($0) }

        }
    }
}
