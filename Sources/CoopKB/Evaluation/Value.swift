/// One cell of a result.
public enum Value: Sendable, Hashable {
    case missing
    case int(Int)
    case double(Double)
    /// Text, compared after folding.
    case text(String)
    /// An id, compared without regard to case and sorted in byte order.
    case id(String)
    /// A list; no items is missing.
    case list([String])

    /// Whether the value is missing (a list with no items is missing).
    public var isMissing: Bool {
        switch self {
        case .missing: return true
        case .list(let l): return l.isEmpty
        default: return false
        }
    }

    /// The value as plain text, lists joined by `separator`.
    public func text(listSeparator: String) -> String {
        switch self {
        case .missing: return ""
        case .int(let i): return String(i)
        case .double(let d): return Value.format(d)
        case .text(let s), .id(let s): return s
        case .list(let l): return l.joined(separator: listSeparator)
        }
    }

    /// Decimal degrees written back as the shortest form that reads back the same.
    static func format(_ d: Double) -> String {
        if d == d.rounded() && abs(d) < 1e15 { return String(Int(d)) }
        return String(d)
    }
}

/// The kind of rows a result holds.
public enum RowKind: String, Sendable {
    case authority, country, partnership, group, neighbour, similar, step, table

    /// The element kind these rows are a set of, when they are one.
    var setKind: ElementKind? {
        switch self {
        case .authority, .neighbour, .similar: return .authority
        case .country: return .country
        case .partnership: return .partnership
        case .group: return .group
        case .step, .table: return nil
        }
    }
}

/// How a path step was reached, as stored in `Row.step`'s link.
enum StepLink {
    /// The link of a step through a group where one of the two memberships is derived.
    static func derived(_ group: Int32) -> Int32 { -3 - group }
    /// The group a step went through, or nil for the start and partnership steps.
    static func group(_ link: Int32) -> Int32? { link >= 0 ? link : link <= -3 ? -3 - link : nil }
    /// Whether the step went through a derived membership.
    static func isDerived(_ link: Int32) -> Bool { link <= -3 }
}

/// One row of a result.
public enum Row: Sendable {
    case authority(Int32)
    case country(Int32)
    /// A partnership; `flipped` when shown with its sides turned.
    case partnership(Int32, flipped: Bool)
    case group(Int32)
    case neighbour(Int32, distance: Int32)
    /// An authority sharing partners with another: how many, and the Jaccard similarity of the two partner sets.
    case similar(Int32, shared: Int32, jaccard: Double)
    /// A path step: its number, its authority, how it was reached (-1 start, -2 partnership, a group index
    /// for a step between two members of it, `StepLink.derived(group)` when one of the two memberships is derived).
    case step(Int32, authority: Int32, link: Int32)
    /// A member of the groups asked about (`members of`), with the basis of its membership.
    case member(Int32, basis: MembershipBasis)
    /// A group with a member in the set asked about (`groups of`), with the basis of that membership.
    case groupOf(Int32, basis: MembershipBasis)
    /// Computed cells (count rows, `show`), named by the result's columns.
    case values([Value])

    /// The authority of a row that is about one.
    var authority: Int32? {
        switch self {
        case .authority(let a), .neighbour(let a, _), .similar(let a, _, _), .step(_, let a, _), .member(let a, _): return a
        default: return nil
        }
    }

    /// The group of a row that is about one.
    var group: Int32? {
        switch self {
        case .group(let g), .groupOf(let g, _): return g
        default: return nil
        }
    }

    /// The basis of the membership a `members of` or `groups of` row stands for.
    var basis: MembershipBasis? {
        switch self {
        case .member(_, let b), .groupOf(_, let b): return b
        default: return nil
        }
    }
}

/// The outcome of a query: rows of one kind and the columns to show.
public struct ResultSet: Sendable {
    public var kind: RowKind
    public var rows: [Row]
    /// The columns shown, in order.
    public var columns: [String]
    /// For `.values` rows: the name and type of each cell.
    public var valueFields: [ValueColumn] = []
    /// For `.values` rows: the name of each cell (set: text cells).
    public var valueColumns: [String] {
        get { valueFields.map(\.name) }
        set { valueFields = newValue.map { ValueColumn($0, .text) } }
    }
    /// What made a table (`count`, `show`), for messages.
    public var origin: String = ""
    /// Whether the rows still wait to be put in the default order (see `Evaluator.ensureOrder`).
    var pendingSort = false

    public init(kind: RowKind, rows: [Row], columns: [String]) {
        self.kind = kind
        self.rows = rows
        self.columns = columns
    }
}
