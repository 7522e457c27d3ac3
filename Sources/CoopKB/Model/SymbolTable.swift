/// Ids interned straight from byte ranges, compared without regard to case.
/// Each symbol may be defined by one element; a symbol can also be named before it is defined.
struct SymbolTable {
    private var slots: [Int32] = []          // symbol + 1, or 0 when empty
    private var mask = 0
    private(set) var keyBytes: [UInt8] = []   // lower-cased keys, one after another
    private var keyStart: [Int32] = []
    private var keyLength: [Int32] = []
    private var hashes: [UInt32] = []
    /// The element each symbol names, once defined.
    var definition: [ElementRef?] = []

    init(capacity: Int = 1024) {
        var cap = 16
        while cap < capacity * 2 { cap <<= 1 }
        slots = [Int32](repeating: 0, count: cap)
        mask = cap - 1
    }

    var count: Int { keyStart.count }

    @inline(__always)
    static func lower(_ b: UInt8) -> UInt8 { b &- 0x41 < 26 ? b | 0x20 : b }

    @inline(__always)
    static func hash(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> UInt32 {
        var h: UInt32 = 2166136261
        var i = start
        while i < end { h = (h ^ UInt32(lower(p[i]))) &* 16777619; i += 1 }
        return h
    }

    /// The symbol of the ASCII-or-already-lowered id in `p[start..<end]`, added when new.
    mutating func intern(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int32 {
        let h = SymbolTable.hash(p, start, end)
        let len = end - start
        var i = Int(h) & mask
        while true {
            let s = slots[i]
            if s == 0 { break }
            let sym = Int(s - 1)
            if hashes[sym] == h && Int(keyLength[sym]) == len {
                let ks = Int(keyStart[sym])
                var same = true
                var j = 0
                while j < len {
                    if keyBytes[ks + j] != SymbolTable.lower(p[start + j]) { same = false; break }
                    j += 1
                }
                if same { return Int32(sym) }
            }
            i = (i + 1) & mask
        }
        let sym = Int32(keyStart.count)
        keyStart.append(Int32(keyBytes.count))
        keyLength.append(Int32(len))
        hashes.append(h)
        definition.append(nil)
        var j = start
        while j < end { keyBytes.append(SymbolTable.lower(p[j])); j += 1 }
        slots[i] = sym + 1
        if keyStart.count * 2 > slots.count { grow() }
        return sym
    }

    /// The symbol of an id given as a string, added when new.
    mutating func intern(_ id: String) -> Int32 {
        let key = Self.key(id)
        return key.withUnsafeBufferPointer { intern($0, 0, $0.count) }
    }

    /// The symbol of an id, when some element or reference has named it.
    func lookup(_ id: String) -> Int32? {
        let key = Self.key(id)
        return key.withUnsafeBufferPointer { p -> Int32? in
            let h = SymbolTable.hash(p, 0, p.count)
            var i = Int(h) & mask
            while true {
                let s = slots[i]
                if s == 0 { return nil }
                let sym = Int(s - 1)
                if hashes[sym] == h && Int(keyLength[sym]) == p.count {
                    let ks = Int(keyStart[sym])
                    var same = true
                    for j in 0..<p.count where keyBytes[ks + j] != p[j] { same = false; break }
                    if same { return Int32(sym) }
                }
                i = (i + 1) & mask
            }
        }
    }

    static func key(_ id: String) -> [UInt8] {
        var ascii = true
        for b in id.utf8 where b >= 0x80 { ascii = false; break }
        return ascii ? id.utf8.map(lower) : Array(id.lowercased().utf8)
    }

    private mutating func grow() {
        let cap = slots.count * 2
        slots = [Int32](repeating: 0, count: cap)
        mask = cap - 1
        for sym in 0..<keyStart.count {
            var i = Int(hashes[sym]) & mask
            while slots[i] != 0 { i = (i + 1) & mask }
            slots[i] = Int32(sym + 1)
        }
    }
}
