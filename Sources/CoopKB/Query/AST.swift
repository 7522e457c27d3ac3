/// A REF: an id or a quoted name, optionally prefixed by a kind (`country:ML`).
public struct Ref: Sendable {
    public var kind: ElementKind?
    public var text: String
    public var quoted: Bool
    public var offset: Int
}

/// Something that stands for a set: a REF, a variable, or a query in parentheses.
public indirect enum Operand: Sendable {
    case ref(Ref)
    case variable(String, offset: Int)
    case query(Query)
}

/// One term of a set expression.
public indirect enum Term: Sendable {
    case authorities(in: Ref?)
    case countries
    case groups(of: Operand?)
    case partnerships
    case partnershipsOf(Operand)
    case partnershipsBetween(Operand, Operand)
    case partnersOf(Operand)
    case membersOf(Operand)
    case neighbours(Operand, depth: Int)
    case path(from: Ref, to: Ref, viaGroups: Bool)
    case similar(to: Ref, limit: Int?)
    /// `components`: the connected components of the partnership graph.
    case components
    case operand(Operand)
}

/// A set operation between terms.
public enum SetOperation: String, Sendable { case union, intersect, except }

/// A field named in a stage, as written (lower-cased), with its place.
public struct FieldName: Sendable {
    public var name: String
    public var offset: Int
}

/// A value in a condition: a number, a bare word or a string.
public struct Literal: Sendable {
    public var text: String
    public var quoted: Bool
    public var offset: Int
}

/// A comparison operator.
public enum Comparison: String, Sendable, CaseIterable { case eq = "=", ne = "!=", lt = "<", le = "<=", gt = ">", ge = ">=", contains = "~" }

/// A condition of `where`.
public indirect enum Condition: Sendable {
    case or(Condition, Condition)
    case and(Condition, Condition)
    case not(Condition)
    case compare(FieldName, Comparison, Literal)
    case isIn(FieldName, [Literal])
    case within(side: FieldName?, Ref)
}

/// One key of `sort by`.
public struct SortKey: Sendable {
    public var field: FieldName
    public var descending: Bool
}

/// A stage of a pipeline.
public enum Stage: Sendable {
    case filter(Condition)
    case sort([SortKey])
    case limit(Int)
    case count(by: FieldName?)
    case select([FieldName])
}

/// A term with where it starts.
public struct TermNode: Sendable {
    public var term: Term
    public var offset: Int
}

/// `setexpr { ['|'] stage }`.
public struct Query: Sendable {
    public var first: TermNode
    public var rest: [(SetOperation, TermNode)]
    public var stages: [(Stage, Int)]
}

/// A statement of the language.
public enum Statement: Sendable {
    case query(Query)
    case assign(String, Query, offset: Int)
    case show(Ref)
    /// `brief REF`: a page about a country, an authority or a group (Evaluation/Brief.swift).
    case brief(Ref)
    case dot(name: String, arguments: [String], offset: Int)
}
