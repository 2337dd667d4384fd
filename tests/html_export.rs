//! The HTML export's page without a browser: the data block the viewer
//! reads (snapshots of the example map and the hostile fixture, read back
//! from the written page), and that the same map gives the same page.

use argmap::render::html::{self, HtmlOptions};
use argmap::scene::TextMeasurer;

/// The JSON of the page's `<script type="application/json">` block.
fn data_block(page: &str) -> serde_json::Value {
    let open = "<script type=\"application/json\" id=\"argmap-data\">";
    let at = page.find(open).expect("the page has a data block") + open.len();
    let end = at + page[at..].find("</script>").unwrap();
    serde_json::from_str(&page[at..end]).expect("the block is JSON")
}

fn page(map: &argmap::model::Map) -> String {
    html::export(map, &TextMeasurer::new(), &HtmlOptions::default()).unwrap()
}

#[test]
fn example_map_data_block() {
    let map = argmap::bundled::EXAMPLE.load().unwrap().map;
    insta::assert_json_snapshot!("html_data_car_free", data_block(&page(&map)));
}

#[test]
fn hostile_map_data_block() {
    let path = std::path::Path::new("tests/fixtures/hostile.argmap.json");
    let map = argmap::io::native::load_file(path).unwrap().map;
    let page = page(&map);
    insta::assert_json_snapshot!("html_data_hostile", data_block(&page));
    // Outside the data block, map text appears only escaped in the drawing
    // and the title: never as markup.
    assert!(!page.contains("<script>alert"));
    assert!(!page.contains("<tags>"));
}

#[test]
fn the_same_map_gives_the_same_page() {
    let map = argmap::bundled::DEFAULT.load().unwrap().map;
    assert_eq!(page(&map), page(&map));
}
