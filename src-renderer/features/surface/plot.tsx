/**
 * The plotly chart component, bound to the minified plotly bundle. This module is loaded lazily
 * (`React.lazy`) so plotly's ~4 MB only loads when a screen with a plotly chart opens.
 */
import createPlotlyComponent from 'react-plotly.js/factory';
import Plotly from 'plotly.js-dist-min';

const Plot = createPlotlyComponent(Plotly);
export default Plot;
