//! Rectangles and the points where edges meet box and connector borders.

use crate::model::Pos;

/// An axis-aligned rectangle in canvas pixels (y down).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Rect {
    /// Top-left corner.
    pub min: Pos,
    /// Bottom-right corner.
    pub max: Pos,
}

impl Rect {
    /// The rectangle of `size` (width, height) centred on `center`.
    pub fn from_center_size(center: Pos, size: (f32, f32)) -> Rect {
        Rect {
            min: Pos::new(center.x - size.0 / 2.0, center.y - size.1 / 2.0),
            max: Pos::new(center.x + size.0 / 2.0, center.y + size.1 / 2.0),
        }
    }

    /// An empty rectangle that any [`Rect::union`] replaces.
    pub fn nothing() -> Rect {
        Rect {
            min: Pos::new(f32::INFINITY, f32::INFINITY),
            max: Pos::new(f32::NEG_INFINITY, f32::NEG_INFINITY),
        }
    }

    /// Whether this is [`Rect::nothing`] or otherwise inverted.
    pub fn is_empty(&self) -> bool {
        self.min.x > self.max.x || self.min.y > self.max.y
    }

    /// Width.
    pub fn width(&self) -> f32 {
        self.max.x - self.min.x
    }

    /// Height.
    pub fn height(&self) -> f32 {
        self.max.y - self.min.y
    }

    /// Centre point.
    pub fn center(&self) -> Pos {
        Pos::new(
            (self.min.x + self.max.x) / 2.0,
            (self.min.y + self.max.y) / 2.0,
        )
    }

    /// Whether `p` lies inside or on the border.
    pub fn contains(&self, p: Pos) -> bool {
        p.x >= self.min.x && p.x <= self.max.x && p.y >= self.min.y && p.y <= self.max.y
    }

    /// Whether the two rectangles overlap (touching borders do not count).
    pub fn intersects(&self, other: &Rect) -> bool {
        self.min.x < other.max.x
            && other.min.x < self.max.x
            && self.min.y < other.max.y
            && other.min.y < self.max.y
    }

    /// The smallest rectangle holding both.
    pub fn union(&self, other: &Rect) -> Rect {
        Rect {
            min: Pos::new(self.min.x.min(other.min.x), self.min.y.min(other.min.y)),
            max: Pos::new(self.max.x.max(other.max.x), self.max.y.max(other.max.y)),
        }
    }

    /// This rectangle grown by `margin` on every side.
    pub fn expand(&self, margin: f32) -> Rect {
        Rect {
            min: Pos::new(self.min.x - margin, self.min.y - margin),
            max: Pos::new(self.max.x + margin, self.max.y + margin),
        }
    }

    /// Where the ray from the centre towards `toward` leaves the rectangle.
    /// The centre itself when `toward` is the centre.
    pub fn border_toward(&self, toward: Pos) -> Pos {
        let c = self.center();
        let (dx, dy) = (toward.x - c.x, toward.y - c.y);
        let (hw, hh) = (self.width() / 2.0, self.height() / 2.0);
        if dx == 0.0 && dy == 0.0 {
            return c;
        }
        let tx = if dx == 0.0 {
            f32::INFINITY
        } else {
            hw / dx.abs()
        };
        let ty = if dy == 0.0 {
            f32::INFINITY
        } else {
            hh / dy.abs()
        };
        let t = tx.min(ty);
        Pos::new(c.x + dx * t, c.y + dy * t)
    }
}

/// Where the ray from a circle's `center` towards `toward` crosses its
/// border.
pub fn circle_border_toward(center: Pos, radius: f32, toward: Pos) -> Pos {
    let (dx, dy) = (toward.x - center.x, toward.y - center.y);
    let len = (dx * dx + dy * dy).sqrt();
    if len == 0.0 {
        return center;
    }
    Pos::new(center.x + dx / len * radius, center.y + dy / len * radius)
}

/// Distance between two points.
pub fn distance(a: Pos, b: Pos) -> f32 {
    ((a.x - b.x).powi(2) + (a.y - b.y).powi(2)).sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn border_points() {
        let r = Rect::from_center_size(Pos::new(0.0, 0.0), (100.0, 50.0));
        assert_eq!(r.border_toward(Pos::new(0.0, 100.0)), Pos::new(0.0, 25.0));
        assert_eq!(r.border_toward(Pos::new(500.0, 0.0)), Pos::new(50.0, 0.0));
        assert_eq!(r.border_toward(r.center()), r.center());
        let p = circle_border_toward(Pos::new(1.0, 1.0), 2.0, Pos::new(1.0, 9.0));
        assert_eq!(p, Pos::new(1.0, 3.0));
        assert!(r.contains(Pos::new(50.0, 25.0)));
        assert!(!r.intersects(&Rect::from_center_size(Pos::new(100.0, 0.0), (100.0, 10.0))));
        assert!(r.union(&Rect::nothing()) == r);
    }
}
