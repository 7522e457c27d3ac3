/// Fields whose values are few and numbered in the KB's own arrays (a country, a kind, a status, a year), so that
/// `count by` and `where` work on small integers instead of making and hashing a text value for every row.
///
/// A code stands for one value: two rows with the same code have the same value of the field. `count by` counts
/// codes, then asks the ordinary accessor for the value of one row of each code; `where` tests the value of one
/// row of each code and remembers the answer. Answers are therefore those of the accessor, row for row.
struct CodedField {
    /// Codes run from 0 to `count - 1`.
    let count: Int
    /// The code of a row's value.
    let code: (Row) -> Int
}

extension KnowledgeBase {
    /// The coded form of a field of rows of `kind`, or nil when its values are not numbered (names, lists, numbers
    /// without a small range).
    func codedField(_ field: String, for kind: RowKind) -> CodedField? {
        switch kind {
        case .authority, .neighbour, .similar, .step:
            // A step's or neighbour's own columns (step, link, distance) are left to the accessor.
            if (kind == .step && (field == "step" || field == "link")) || (kind == .neighbour && field == "distance") { return nil }
            guard let f = authorityCode(field) else { return nil }
            let missing = f.count
            return CodedField(count: f.count + 1) { row in row.authority.map(f.code) ?? missing }
        case .partnership:
            return partnershipCode(field)
        case .country, .group, .table:
            return nil
        }
    }

    /// The coded form of an authority field, on authority indexes. (The closures hold the arrays themselves: going
    /// through an unowned `self` on every row costs more than the counting.)
    private func authorityCode(_ field: String) -> (count: Int, code: (Int32) -> Int)? {
        let auths = authorities
        switch field {
        case "country":
            let column = authorityCountries
            return (countries.count, { Int(column[Int($0)]) })
        case "kind": return (words.count, { Int(auths[Int($0)].kind) })
        case "member": return (3, { auths[Int($0)].member.map { $0 ? 2 : 1 } ?? 0 })
        case "parent": return (auths.count + 1, { auths[Int($0)].parent.map { Int($0) + 1 } ?? 0 })
        case "region": return (auths.count + 1, { [unowned self] in self.region(of: $0).map { Int($0) + 1 } ?? 0 })
        default: return nil
        }
    }

    /// The coded form of a partnership field (its own or one of a side's).
    private func partnershipCode(_ field: String) -> CodedField? {
        let ps = partnerships
        switch field {
        case "status":
            return CodedField(count: 3) { row in
                guard case .partnership(let i, _) = row else { return 0 }
                return Int(ps[Int(i)].status.rawValue)
            }
        case "kind":
            return CodedField(count: words.count + 1) { row in
                guard case .partnership(let i, _) = row else { return 0 }
                return ps[Int(i)].kind.map { Int($0) + 1 } ?? 0
            }
        case "since", "until":
            let since = field == "since"
            return CodedField(count: 1 << 16) { row in
                guard case .partnership(let i, _) = row else { return 0 }
                return (since ? ps[Int(i)].since : ps[Int(i)].until) ?? 0
            }
        default:
            guard field.hasPrefix("a.") || field.hasPrefix("b."), let f = authorityCode(String(field.dropFirst(2))) else { return nil }
            let isA = field.hasPrefix("a.")
            let missing = f.count
            return CodedField(count: f.count + 1) { row in
                guard case .partnership(let i, let flipped) = row else { return missing }
                let p = ps[Int(i)]
                return f.code((isA != flipped) ? p.a : p.b)
            }
        }
    }
}
